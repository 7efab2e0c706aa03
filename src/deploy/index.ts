/**
 * src/deploy: delivering a built app to AWS, and managing a stage's params.
 *
 * Inputs: an app directory and a stage (plus whether the stage is ephemeral:
 * a sandbox or preview whose data may go with it). Outputs: a report with
 * the stack's outputs (`Url`), the classified changes the toolkit found
 * against the deployed stack, what was seeded, and located diagnostics.
 * Order, and why: credentials first (no AWS access fails in well under two
 * seconds, before any build), then `build` (the assembly handed to the
 * toolkit is the one on disk), then the toolkit, then seeding (ephemeral
 * stages only, after the table exists).
 * Invariants: returns data, never prints or exits (progress lines go to
 * `onProgress`); a long-lived stage is never destroyed without `force`, and
 * its table and bucket are retained even then. `build` (and, for destroy,
 * the stage's settings) come from the library (src/compiler.ts), which
 * passes them in; the toolkit and the sequencer load on first use, once the
 * credential check passed: toolkit-lib takes about 2.7 s to load, while "no
 * credentials" must be reported in well under two seconds.
 */
import * as path from "path";
import type { Change, Template } from "../diff";
import { hasErrors } from "../graph";
import type { AppGraph, Diagnostic, ResourceKind } from "../graph";
import { checkAwsAccess, DEPLOY_CODES } from "./credentials";
import type { Approver } from "./io-host";
import { DeployProgress } from "./progress";
import type { ProgressStyle } from "./progress";
import { seedStage } from "./seed";
import type { SeedResult } from "./seed";
import { IDENTITY_FILE, writeIdentity } from "../config/identity";
import { adoptableId, checkIdentity } from "./identity";
import type { IndexChange } from "./index-steps";
import type { DeployStackFn } from "./sequence";
import { cloudFormationStacks, type DeployedStack, type StackLookup } from "./stacks";

export { checkAwsAccess, DEPLOY_CODES } from "./credentials";
export type { AwsAccess } from "./credentials";
export { DeployProgress, formatElapsed } from "./progress";
export type { ProgressStyle } from "./progress";
export { IacIoHost, needsApproval, DeployDeclined } from "./io-host";
export type { Approver } from "./io-host";
export type { StackTarget, StackDeployResult, StackDestroyResult } from "./toolkit";
export { seedStage, SEED_FILE } from "./seed";
export { planIndexSteps, type IndexChange, type IndexPlan, type IndexStep } from "./index-steps";
export { writeStepAssemblies } from "./step-assembly";
export { checkIdentity, APP_ID_TAG, STAGE_TAG, type IdentityCheck, type IdentityVerdict } from "./identity";
export { cloudFormationStacks, type DeployedStack, type StackLookup } from "./stacks";
export type { DeployStackFn, SequencedResult } from "./sequence";
export type { SeedResult } from "./seed";
export { setParam, listParams, paramsPath, checkParamName, RESERVED_PARAMS } from "./params";
export type { ParamInfo, ParamTarget } from "./params";

/** The part of `build` (src/compiler.ts) delivery needs. */
export type DeployBuildFn = (
  dir: string,
  options: { stage: string; ephemeral?: boolean; pinIdentity?: boolean },
) => Promise<
  | {
      ok: true;
      graph: AppGraph;
      assemblyDir: string;
      stackName: string;
      diagnostics: Diagnostic[];
      ephemeral: boolean;
      identity?: { app: string; id: string };
      identityCreated?: boolean;
    }
  | { ok: false; diagnostics: Diagnostic[] }
>;

export interface DeliveryOptions {
  stage: string;
  /** A sandbox or preview: seeded from data.json, destroyable without `force`. Undefined: iac.config's stage settings decide (default long-lived). */
  ephemeral?: boolean;
  onProgress?: (line: string) => void;
  progressStyle?: ProgressStyle;
  /** The library's `build` (src/compiler.ts passes it). */
  build: DeployBuildFn;
}

export interface DeployAppOptions extends DeliveryOptions {
  /** Asked before permissions widen or resources are replaced or destroyed; absent = deploy without asking. */
  approve?: Approver;
  /**
   * Deploy although the app's identity changed (its stage is deployed under another stack name,
   * whose data the new stack will not have) or the stack carries another app's id. `--accept-identity-change`.
   */
  acceptIdentityChange?: boolean;
  /** CloudFormation as deploy asks it (stacks.ts); default the real one. Tests pass a stand-in. */
  stacks?: StackLookup;
  /** Deploys one assembly; default the toolkit's (toolkit.ts). Tests pass a recorder. */
  deployStack?: DeployStackFn;
}

export interface DeployReport {
  ok: boolean;
  stage: string;
  stackName?: string;
  url?: string;
  outputs: Record<string, string>;
  changes: Change[];
  declined: boolean;
  seeded?: SeedResult;
  /** Label-index creations and deletions made one per stack update (empty when at most one). */
  indexChanges: IndexChange[];
  /** Stack updates made: more than 1 when label-index changes were sequenced. */
  updates: number;
  diagnostics: Diagnostic[];
}

export async function deployApp(dir: string, options: DeployAppOptions): Promise<DeployReport> {
  const base: DeployReport = { ok: false, stage: options.stage, outputs: {}, changes: [], declined: false, indexChanges: [], updates: 0, diagnostics: [] };
  const access = await checkAwsAccess();
  if (!access.ok) return { ...base, diagnostics: access.diagnostics };
  // The first deploy pins the app's identity (iac.app.json), as `iac build` does.
  const build = options.build;
  const buildOptions = { stage: options.stage, ephemeral: options.ephemeral, pinIdentity: true };
  let built = await build(dir, buildOptions);
  if (!built.ok) return { ...base, diagnostics: built.diagnostics };
  const stacks = options.stacks ?? cloudFormationStacks(access.region);
  const adopted = built.identityCreated ? await adoptStackId(dir, built, stacks) : undefined;
  if (adopted && !adopted.ok) return { ...base, stackName: built.stackName, diagnostics: [...built.diagnostics, ...adopted.diagnostics] };
  if (adopted?.ok) {
    // Built again: the stack's tags carry the id now written in iac.app.json.
    built = await build(dir, buildOptions);
    if (!built.ok) return { ...base, diagnostics: built.diagnostics };
    built.diagnostics.push(adopted.note);
  }
  const target = { assemblyDir: built.assemblyDir, stackName: built.stackName };
  const deployed = await readDeployed(stacks, target.stackName, options.stage, built.identity?.id, options.acceptIdentityChange === true);
  if (!deployed.ok) return { ...base, stackName: built.stackName, diagnostics: [...built.diagnostics, ...deployed.diagnostics] };
  const progress = new DeployProgress(options.onProgress ?? (() => undefined), options.progressStyle);
  const { deploySequenced } = await import("./sequence");
  const result = await deploySequenced({
    target,
    deployed: deployed.template,
    progress,
    approve: options.approve,
    deployStack: options.deployStack ?? (await import("./toolkit")).deployStack,
    stepsDir: path.join(dir, ".iac", "deploy-steps", options.stage),
  });
  const report: DeployReport = {
    ...base,
    ok: result.ok,
    stackName: built.stackName,
    outputs: result.outputs,
    url: result.outputs.Url,
    changes: result.changes,
    declined: result.declined,
    indexChanges: result.indexChanges,
    updates: result.updates,
    diagnostics: [...built.diagnostics, ...deployed.diagnostics, ...result.diagnostics],
  };
  if (!result.ok || !built.ephemeral) return report;
  const table = result.outputs.TableName;
  if (!table) {
    const usesData = built.graph.resources.some((r) => r.kind === "data");
    if (usesData)
      report.diagnostics.push({ code: DEPLOY_CODES.deployFailed, severity: "warning", message: "data.json not seeded: the stack has no TableName output" });
    return report;
  }
  try {
    const seeded = await seedStage({ appDir: dir, table });
    if (seeded) report.seeded = seeded;
  } catch (error) {
    report.diagnostics.push({
      code: DEPLOY_CODES.deployFailed,
      severity: "warning",
      message: `seeding data.json failed: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
  return report;
}

/**
 * When this deploy's build wrote iac.app.json (none was committed) and the stack already carries
 * an app id, that id goes into the file: the stack is this app's under the same name, and a
 * fresh random id would make the identity check refuse it as another app's.
 */
async function adoptStackId(
  dir: string,
  built: { stackName: string; identity?: { app: string; id: string } },
  stacks: StackLookup,
): Promise<{ ok: true; note: Diagnostic } | { ok: false; diagnostics: Diagnostic[] } | undefined> {
  const identity = built.identity;
  if (!identity) return undefined;
  let current: DeployedStack | undefined;
  try {
    current = await stacks.describe(built.stackName);
  } catch (error) {
    return { ok: false, diagnostics: [lookupFailed(built.stackName, error)] };
  }
  const id = adoptableId(true, identity.id, current);
  if (!id) return undefined;
  writeIdentity(dir, { app: identity.app, id });
  return {
    ok: true,
    note: {
      code: DEPLOY_CODES.identityChanged,
      severity: "info",
      message: `${IDENTITY_FILE} was not there: it now holds the id stack ${built.stackName} already carries (${id})`,
      hint: `commit ${IDENTITY_FILE}, so every checkout deploys as this app`,
    },
  };
}

function lookupFailed(stackName: string, error: unknown): Diagnostic {
  return {
    code: DEPLOY_CODES.lookupFailed,
    severity: "error",
    message: `could not read stack ${stackName} from CloudFormation: ${error instanceof Error ? error.message : String(error)}`,
    hint: "iac deploy asks CloudFormation with the credentials it runs with (not the CDK roles the toolkit assumes): they need cloudformation:DescribeStacks and cloudformation:GetTemplate.",
  };
}

/**
 * The stack as deployed now, after the identity check (identity.ts): its template, to sequence
 * label-index changes (undefined for a first deployment). A failed lookup stops the deploy: it is
 * what keeps a renamed app from deploying an empty stack.
 */
async function readDeployed(
  stacks: StackLookup,
  stackName: string,
  stage: string,
  appId: string | undefined,
  accept: boolean,
): Promise<{ ok: true; template?: Template; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] }> {
  try {
    const current = await stacks.describe(stackName);
    const verdict = await checkIdentity({ stackName, stage, appId, accept }, current, stacks);
    if (!verdict.ok) return { ok: false, diagnostics: verdict.diagnostics };
    const template = current ? await stacks.template(stackName) : undefined;
    return { ok: true, ...(template ? { template } : {}), diagnostics: verdict.diagnostics };
  } catch (error) {
    return { ok: false, diagnostics: [lookupFailed(stackName, error)] };
  }
}

export interface DestroyAppOptions extends DeliveryOptions {
  /** Required to destroy a long-lived stage. */
  force?: boolean;
  /** Whether the stage is ephemeral when `ephemeral` is not given: the library's `stageIsEphemeral` (iac.config's settings). */
  stageIsEphemeral: (dir: string, stage: string, explicit?: boolean) => Promise<{ ephemeral: boolean; diagnostics: Diagnostic[] }>;
}

/** What outlives a long-lived stage's stack, by resource kind: the stateful stores keep their data. */
const RETAINED = {
  data: "table",
  storage: "bucket",
  api: undefined,
  http: undefined,
  events: undefined,
  schedule: undefined,
  "event-subscription": undefined,
  "data-listener": undefined,
  "storage-listener": undefined,
  static: undefined,
  params: undefined,
} as const satisfies Record<ResourceKind, string | undefined>;

export interface DestroyReport {
  ok: boolean;
  stage: string;
  stackName?: string;
  existed: boolean;
  /** What outlives the stack: `table`, `bucket` on long-lived stages. */
  retained: string[];
  diagnostics: Diagnostic[];
}

export async function destroyApp(dir: string, options: DestroyAppOptions): Promise<DestroyReport> {
  const base: DestroyReport = { ok: false, stage: options.stage, existed: false, retained: [], diagnostics: [] };
  const kind = await options.stageIsEphemeral(dir, options.stage, options.ephemeral);
  if (hasErrors(kind.diagnostics)) return { ...base, diagnostics: kind.diagnostics };
  const ephemeral = kind.ephemeral;
  if (!ephemeral && !options.force) {
    return {
      ...base,
      diagnostics: [
        {
          code: DEPLOY_CODES.longLivedStage,
          severity: "error",
          message: `Stage ${options.stage} is long-lived: refusing to destroy it without --force.`,
          hint: "Its table and bucket are retained even with --force (their data survives; delete them in the AWS console if you mean to). Sandboxes (--ephemeral, or ephemeral in iac.config) are destroyed without --force.",
        },
      ],
    };
  }
  const access = await checkAwsAccess();
  if (!access.ok) return { ...base, diagnostics: access.diagnostics };
  const built = await options.build(dir, { stage: options.stage, ephemeral });
  if (!built.ok) return { ...base, diagnostics: built.diagnostics };
  const retained = ephemeral
    ? []
    : built.graph.resources.flatMap((r): string[] => {
        const kept = RETAINED[r.kind];
        return kept ? [kept] : [];
      });
  const progress = new DeployProgress(options.onProgress ?? (() => undefined), options.progressStyle);
  const { destroyStack } = await import("./toolkit");
  const result = await destroyStack({ assemblyDir: built.assemblyDir, stackName: built.stackName }, progress);
  return { ...base, ok: result.ok, stackName: built.stackName, existed: result.existed, retained, diagnostics: result.diagnostics };
}
