/**
 * Deploys and destroys the stack `iac build` wrote, through
 * `@aws-cdk/toolkit-lib` on that very cloud assembly directory
 * (`fromAssemblyDirectory`: no second synthesis). Returns data: outputs,
 * the classified changes the toolkit found against the deployed stack, and
 * located diagnostics; never prints (progress goes to the IoHost).
 */
import { StackSelectionStrategy, Toolkit } from "@aws-cdk/toolkit-lib";
import type { Change } from "../diff";
import type { Diagnostic } from "../graph";
import { DEPLOY_CODES } from "./credentials";
import { IacIoHost } from "./io-host";
import type { Approver } from "./io-host";
import type { DeployProgress } from "./progress";

export interface StackTarget {
  assemblyDir: string;
  stackName: string;
}

export interface StackDeployResult {
  ok: boolean;
  /** Stack outputs (`Url`, ...). */
  outputs: Record<string, string>;
  /** What the toolkit found against the deployed stack, classified; empty for a first deployment or no change. */
  changes: Change[];
  /** True when approval was asked and refused: nothing was changed. */
  declined: boolean;
  diagnostics: Diagnostic[];
}

function selector(stackName: string) {
  return { strategy: StackSelectionStrategy.PATTERN_MUST_MATCH_SINGLE, patterns: [stackName] };
}

function failure(code: string, error: unknown, hint?: string): Diagnostic {
  const message = error instanceof Error ? error.message : String(error);
  return { code, severity: "error", message, ...(hint ? { hint } : {}) };
}

export async function deployStack(target: StackTarget, progress: DeployProgress, approve?: Approver): Promise<StackDeployResult> {
  const host = new IacIoHost(progress, approve);
  const toolkit = new Toolkit({ ioHost: host, color: false, emojis: false });
  try {
    const cx = await toolkit.fromAssemblyDirectory(target.assemblyDir);
    const result = await toolkit.deploy(cx, { stacks: selector(target.stackName) });
    const outputs = result.stacks.find((s) => s.stackName === target.stackName)?.outputs ?? {};
    return { ok: true, outputs, changes: host.changes, declined: false, diagnostics: [] };
  } catch (error) {
    if (host.declined) {
      return {
        ok: false,
        outputs: {},
        changes: host.changes,
        declined: true,
        diagnostics: [{ code: DEPLOY_CODES.declined, severity: "error", message: `Deployment of ${target.stackName} not approved: nothing was changed.` }],
      };
    }
    return { ok: false, outputs: {}, changes: host.changes, declined: false, diagnostics: [failure(DEPLOY_CODES.deployFailed, error)] };
  }
}

export interface StackDestroyResult {
  ok: boolean;
  /** False when there was no such stack to delete. */
  existed: boolean;
  diagnostics: Diagnostic[];
}

export async function destroyStack(target: StackTarget, progress: DeployProgress): Promise<StackDestroyResult> {
  const host = new IacIoHost(progress);
  const toolkit = new Toolkit({ ioHost: host, color: false, emojis: false });
  try {
    const cx = await toolkit.fromAssemblyDirectory(target.assemblyDir);
    const result = await toolkit.destroy(cx, { stacks: selector(target.stackName) });
    const existed = result.stacks.some((s) => s.stackName === target.stackName && s.stackExisted);
    return { ok: true, existed, diagnostics: [] };
  } catch (error) {
    return { ok: false, existed: true, diagnostics: [failure(DEPLOY_CODES.deployFailed, error)] };
  }
}
