/**
 * The IoHost iac hands to the toolkit: progress messages go to
 * `DeployProgress`; the toolkit's deploy confirmation (I5060, asked whenever
 * the stack has changes, with the diff against the deployed template) is
 * classified with iac's own rules and put to `approve` only when a function
 * gains permissions or a resource is replaced or destroyed. Other requests
 * get the toolkit's default answer: iac asks its own questions first.
 *
 * Not toolkit-lib's NonInteractiveIoHost, which answers requests the same
 * way: it prints to process.stdout/stderr itself, where iac's library API
 * hands progress to the caller's `onProgress` (see progress.ts for the
 * rendering each does, and which of its rules iac takes).
 */
import { TemplateDiff } from "@aws-cdk/cloudformation-diff";
import type { IIoHost, IoMessage, IoRequest } from "@aws-cdk/toolkit-lib";
// The module files, not src/diff's index: that one loads the compiler.
import { classifyTemplateDiff } from "../diff/template";
import type { Change } from "../diff/types";
import type { DeployProgress } from "./progress";

/** Decides whether the deployment may go ahead; receives the changes that need approval. */
export type Approver = (changes: Change[]) => Promise<boolean>;

/** Changes a person should approve: wider permissions, replacements, destruction. */
export function needsApproval(changes: readonly Change[]): Change[] {
  return changes.filter((c) => c.class !== "safe" || c.action === "replaced");
}

function templateDiffsOf(data: unknown): TemplateDiff[] {
  if (typeof data !== "object" || data === null || !("templateDiffs" in data)) return [];
  const diffs = data.templateDiffs;
  if (typeof diffs !== "object" || diffs === null) return [];
  return Object.values(diffs).filter((d): d is TemplateDiff => d instanceof TemplateDiff);
}

export class IacIoHost implements IIoHost {
  /** Every change the toolkit reported against the deployed stack, classified (filled at confirmation time). */
  changes: Change[] = [];

  constructor(
    private readonly progress: DeployProgress,
    private readonly approve?: Approver,
  ) {}

  async notify(msg: IoMessage<unknown>): Promise<void> {
    this.progress.handle(msg);
  }

  /** True once the person (or `approve`) said no; the deploy then stops before any change. */
  declined = false;

  async requestResponse<T>(msg: IoRequest<unknown, T>): Promise<T> {
    if (msg.code !== "CDK_TOOLKIT_I5060") return msg.defaultResponse;
    this.changes = templateDiffsOf(msg.data).flatMap((d) => classifyTemplateDiff(d));
    const asked = needsApproval(this.changes);
    if (!this.approve || asked.length === 0 || (await this.approve(asked))) {
      // A confirmation's default answer is "yes" (toolkit-lib's make.confirm).
      return msg.defaultResponse;
    }
    // Declining by throwing keeps the answer type honest (T is the toolkit's,
    // not ours); the toolkit aborts the deployment and the caller reads `declined`.
    this.declined = true;
    throw new DeployDeclined();
  }
}

export class DeployDeclined extends Error {
  constructor() {
    super("deployment not approved");
    this.name = "DeployDeclined";
  }
}
