/**
 * Builds an example's construct tree the way `iac build` does (analyzer,
 * then synth's `buildApp`), with stub code instead of bundles: IAM and the
 * nag findings do not depend on the bundle's bytes.
 */
import * as os from "os";
import * as path from "path";
import { Template } from "aws-cdk-lib/assertions";
import { Code } from "aws-cdk-lib/aws-lambda";
import { analyze } from "../../src/compiler";
import type { AppGraph, Usage } from "../../src/graph";
import { buildApp, type IacApp } from "../../src/synth";
import { flatten } from "../../src/synth/nag";
import { loadGraph } from "../synth/helpers";

export const EXAMPLES = path.join(__dirname, "..", "..", "examples");

export const TEST_APPS = path.join(__dirname, "..", "apps");

export async function buildExample(name: string, stage = "qa"): Promise<IacApp & { graph: AppGraph }> {
  return buildAppDir(path.join(EXAMPLES, name), stage);
}

/** Any app directory, built the way buildExample builds an example. */
export async function buildAppDir(dir: string, stage = "qa"): Promise<IacApp & { graph: AppGraph }> {
  const name = path.basename(dir);
  const { graph, ok, diagnostics } = await analyze(dir);
  if (!ok) throw new Error(`${name} has errors: ${JSON.stringify(diagnostics)}`);
  const built = buildApp(graph, {
    appDir: dir,
    stage,
    ephemeral: false,
    validateTemplate: false,
    outDir: path.join(os.tmpdir(), `iac-iam-${name}-${process.pid}`),
    codeFor: () => Code.fromInline("exports.handler = async () => {};"),
  });
  return { ...built, graph };
}

export interface Permission {
  effect: string;
  actions: string[];
  resources: string[];
  condition?: unknown;
}

/** Each function's statements (by IAC_FUNCTION), actions sorted, resources flattened as cdk-nag names them. */
export function permissionsByFunction(template: Template): Record<string, Permission[]> {
  const json = template.toJSON();
  const resources: Record<string, { Type: string; Properties: Record<string, unknown> }> = json.Resources;
  const out: Record<string, Permission[]> = {};
  for (const res of Object.values(resources)) {
    if (res.Type !== "AWS::Lambda::Function") continue;
    const env = JSON.stringify(res.Properties.Environment ?? {});
    const id = /"IAC_FUNCTION":"([^"]+)"/.exec(env)?.[1];
    if (!id) continue;
    const roleId = flatten(res.Properties.Role).replace(/^<|\.Arn>$/g, "");
    const statements: Permission[] = [];
    for (const p of Object.values(resources)) {
      if (p.Type !== "AWS::IAM::Policy" || !JSON.stringify(p.Properties.Roles).includes(`"${roleId}"`)) continue;
      const doc = p.Properties.PolicyDocument;
      const list: unknown[] = doc && typeof doc === "object" && "Statement" in doc && Array.isArray(doc.Statement) ? doc.Statement : [];
      for (const s of list) {
        if (!s || typeof s !== "object") continue;
        const st: Record<string, unknown> = { ...s };
        const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);
        statements.push({
          effect: String(st.Effect),
          actions: arr(st.Action).map(String).sort(),
          resources: arr(st.Resource)
            .map(flatten)
            .map((r) => r.replace(/[0-9A-F]{8}(?=[.>])/g, "")),
          ...(st.Condition ? { condition: st.Condition } : {}),
        });
      }
    }
    out[id] = statements;
  }
  return out;
}

/** One line per statement, e.g. `dynamodb:GetItem dynamodb:Query on <Table.Arn> if LeadingKeys todo`, sorted. */
export function describePermissions(statements: Permission[]): string[] {
  return statements
    .map((s) => {
      const keys = JSON.stringify(s.condition ?? {}).match(/"dynamodb:LeadingKeys":\[([^\]]*)\]/)?.[1];
      const cond = keys !== undefined ? ` if LeadingKeys ${keys.replace(/"/g, "")}` : s.condition ? ` if ${JSON.stringify(s.condition)}` : "";
      return `${s.actions.join(" ")} on ${s.resources.join(" ")}${cond}`;
    })
    .sort();
}

/** The weekly job of the `everything` graph fixture, and the function that runs it. */
export const JOB = "schedule:cron(0 0 ? * TUE *)";
export const JOB_FUNCTION = "schedule-cron-0-0-tue";

/** The `everything` fixture with the weekly job's usages of `resource` replaced by `usages`: one function's grants, by hand. */
export function withJobUsages(resource: "data" | "storage", usages: Pick<Usage, "operation" | "scope">[]): AppGraph {
  const graph = loadGraph("everything");
  const location = { file: "src/jobs.js", line: 10, column: 5 };
  const others = graph.usages.filter((u) => !(u.handler === JOB && u.resource === resource));
  const mine = usages.map((u) => ({ resource, handler: JOB, location, via: [], ...u }) as Usage);
  return { ...graph, usages: [...others, ...mine] };
}
