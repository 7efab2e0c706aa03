import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Template } from "aws-cdk-lib/assertions";
import type { AppGraph } from "../../src/graph";
import { synthesize, type SynthOptions, type SynthResult } from "../../src/synth";

export const FIXTURES = path.join(__dirname, "..", "fixtures", "graphs");

export function loadGraph(name: string): AppGraph {
  const parsed: AppGraph = JSON.parse(fs.readFileSync(path.join(FIXTURES, `${name}.json`), "utf8"));
  return parsed;
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `iac-${prefix}-`));
}

/** Graph-only synth (no esbuild, CDK validation off): what most tests need. */
export async function synthGraph(graph: AppGraph, options: Partial<SynthOptions> = {}): Promise<{ result: SynthResult; template: Template; json: string }> {
  const result = await synthesize(graph, {
    appDir: FIXTURES,
    stage: "qa",
    ephemeral: false,
    outDir: path.join(tempDir("synth"), "cdk.out"),
    bundle: false,
    ...options,
  });
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new Error(`synth failed: ${JSON.stringify(errors)}`);
  const json = fs.readFileSync(result.templatePath, "utf8");
  return { result, template: Template.fromJSON(JSON.parse(json)), json };
}

/** Every IAM action in the template, from roles' inline policies and AWS::IAM::Policy resources. */
export function allActions(template: Template): string[] {
  const actions: string[] = [];
  const visit = (doc: unknown): void => {
    if (!doc || typeof doc !== "object" || !("Statement" in doc) || !Array.isArray(doc.Statement)) return;
    for (const st of doc.Statement) {
      const a: unknown = st.Action;
      if (typeof a === "string") actions.push(a);
      else if (Array.isArray(a)) actions.push(...a.filter((x): x is string => typeof x === "string"));
    }
  };
  for (const res of Object.values(template.findResources("AWS::IAM::Policy"))) visit(res.Properties.PolicyDocument);
  for (const res of Object.values(template.findResources("AWS::IAM::Role"))) {
    for (const p of res.Properties.Policies ?? []) visit(p.PolicyDocument);
  }
  return actions;
}
