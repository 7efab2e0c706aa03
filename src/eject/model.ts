/**
 * What `iac eject` prints from: iac's own construct tree for the stage,
 * built by synth's `buildApp` exactly as `iac build` builds it (stub code
 * instead of bundles, no user hooks: the ejected app runs those itself),
 * synthesized once, and read back as plain data: every CloudFormation
 * resource with its construct path and logical ID, and per function the IAM
 * statements iac derived from the app's calls (synth's `grantUsages`, run a
 * second time on scratch functions, so the statements CDK's own constructs
 * add, a queue's or a stream's, are not among them).
 *
 * The printer (stack.ts and its sections) turns this into CDK code that
 * makes the same construct paths, so CDK derives the same logical IDs.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CfnResource, Stack } from "aws-cdk-lib";
import { Policy } from "aws-cdk-lib/aws-iam";
import { Code, Function as LambdaFunction, Runtime } from "aws-cdk-lib/aws-lambda";
import { Construct } from "constructs";
import type { AppGraph } from "../graph";
import { applyDomain, buildApp, type DomainSetting, type EdgeSettings, type ResolvedEdge } from "../synth";
import { grantUsages } from "../synth/iam";
import { corsMethods } from "../synth/storage";

/** A CloudFormation value as the template holds it: literals and intrinsic functions. */
export type CfnValue = string | number | boolean | null | CfnValue[] | { [key: string]: CfnValue };

export interface CfnResourceJson {
  Type: string;
  Properties?: Record<string, CfnValue>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}

export interface ModelResource {
  /** Construct path below the stack, e.g. `FnHttp/Function/Resource`. */
  path: string;
  logicalId: string;
  json: CfnResourceJson;
}

export interface EjectModel {
  graph: AppGraph;
  appDir: string;
  stage: string;
  ephemeral: boolean;
  stackName: string;
  description: string;
  /** Stack tags, sorted by key. */
  tags: [string, string][];
  edge: ResolvedEdge;
  domain?: DomainSetting;
  /** Every resource of iac's template, in template order. */
  resources: ModelResource[];
  /** The template's output names. */
  outputs: string[];
  /** Per function id, the statements iac granted from the app's calls, resolved, in the order iac adds them. */
  grants: Record<string, CfnValue[]>;
  /** The HTTP methods a browser uses with the signed storage URLs the app hands out (storage CORS). */
  corsMethods: string[];
}

export interface ModelRequest {
  graph: AppGraph;
  appDir: string;
  stage: string;
  ephemeral: boolean;
  edge: EdgeSettings;
  domain?: DomainSetting;
  appId?: string;
}

const SCRATCH = "IacEjectScratch";

export function buildModel(req: ModelRequest): EjectModel {
  // buildApp stages static assets into its outdir while constructing: a throwaway directory.
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "iac-eject-"));
  try {
    const stub = Code.fromInline("exports.handler = async () => undefined;");
    const built = buildApp(req.graph, {
      appDir: req.appDir,
      stage: req.stage,
      ephemeral: req.ephemeral,
      outDir,
      validateTemplate: false,
      codeFor: () => stub,
      edge: req.edge,
      domain: req.domain,
      appId: req.appId,
    });
    if (req.domain) applyDomain(built, req.domain);
    const { stack, context } = built;
    const grants = grantsOf(stack, context);
    const assembly = built.app.synth();
    const template: unknown = assembly.getStackByName(stack.stackName).template;
    const resources = resourcesOf(stack, template);
    return {
      graph: req.graph,
      appDir: req.appDir,
      stage: req.stage,
      ephemeral: req.ephemeral,
      stackName: stack.stackName,
      description: stack.templateOptions.description ?? "",
      tags: Object.entries(stack.tags.tagValues()).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      edge: context.options.edge,
      ...(req.domain ? { domain: req.domain } : {}),
      resources,
      outputs: isRecord(template) && isRecord(template.Outputs) ? Object.keys(template.Outputs) : [],
      grants,
      corsMethods: corsMethods(context),
    };
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true });
  }
}

/** The statements `grantUsages` adds for each function, captured on scratch functions, then removed from the tree. */
function grantsOf(stack: Stack, context: Parameters<typeof grantUsages>[0]): Record<string, CfnValue[]> {
  const scratch = new Construct(stack, SCRATCH);
  const functions = new Map(
    [...context.functions].map(([id, f]) => [
      id,
      {
        ...f,
        fn: new LambdaFunction(scratch, id, { runtime: Runtime.NODEJS_22_X, handler: "index.handler", code: Code.fromInline("x") }),
      },
    ]),
  );
  grantUsages({ ...context, functions });
  const grants: Record<string, CfnValue[]> = {};
  for (const [id, f] of functions) {
    const policy = f.fn.role?.node.tryFindChild("DefaultPolicy");
    const doc: unknown = policy instanceof Policy ? stack.resolve(policy.document) : undefined;
    grants[id] = statementsOf(doc);
  }
  stack.node.tryRemoveChild(SCRATCH);
  return grants;
}

function statementsOf(doc: unknown): CfnValue[] {
  if (!isRecord(doc) || !Array.isArray(doc.Statement)) return [];
  return doc.Statement.filter(isCfnValue);
}

function resourcesOf(stack: Stack, template: unknown): ModelResource[] {
  const byLogicalId = new Map<string, string>();
  const stackDepth = stack.node.scopes.length;
  for (const node of stack.node.findAll()) {
    if (!(node instanceof CfnResource)) continue;
    const id: unknown = stack.resolve(node.logicalId);
    if (typeof id === "string")
      byLogicalId.set(
        id,
        node.node.scopes
          .slice(stackDepth)
          .map((s) => s.node.id)
          .join("/"),
      );
  }
  const resources = isRecord(template) && isRecord(template.Resources) ? template.Resources : {};
  const out: ModelResource[] = [];
  for (const [logicalId, json] of Object.entries(resources)) {
    const p = byLogicalId.get(logicalId);
    if (p === undefined || !isResourceJson(json)) throw new Error(`internal: template resource ${logicalId} has no construct`);
    out.push({ path: p, logicalId, json });
  }
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function isCfnValue(v: unknown): v is CfnValue {
  if (v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean") return true;
  if (Array.isArray(v)) return v.every(isCfnValue);
  return isRecord(v) && Object.values(v).every(isCfnValue);
}

function isResourceJson(v: unknown): v is CfnResourceJson {
  return isRecord(v) && typeof v.Type === "string" && (v.Properties === undefined || (isRecord(v.Properties) && isCfnValue(v.Properties)));
}
