/**
 * Turns the toolkit's messages into progress a person can follow: resources
 * done out of total, the operation under way, and the elapsed time, one line
 * per resource event (readable in a terminal and in a CI log alike).
 *
 * Elapsed time comes from the messages' own timestamps, never the clock, so
 * rendering a recorded run gives the same lines every time.
 * Message codes are toolkit-lib's (see its message registry): I5501/I5503
 * start and end monitoring a stack, I5502 one CloudFormation stack event,
 * I7100 destroy progress.
 *
 * toolkit-lib's own rendering (NonInteractiveIoHost and its
 * HistoryActivityPrinter) was weighed against this one. Its rules for what
 * counts as a failure are taken as they are (test/deploy/progress.test.ts
 * checks that both name the same failed resources on one recording): a
 * DELETE_FAILED during a stack update is provisional (CloudFormation skips
 * it and goes on), a cancelled resource and the root stack's own events
 * are not failures, a failed hook's reason is added to its resource's, and
 * rollbacks are shown as warnings rather than successes. Its printing is
 * not used, because here ours is better for iac: the printers are private
 * (outside the package's exports), the host writes straight to
 * process.stdout/stderr where iac's library API hands lines to `onProgress`,
 * it stamps each line with the event's wall-clock time in the machine's
 * time zone (ours: elapsed time, the same for a recorded run anywhere), it
 * has no resources-done counter, and it colours through chalk rather than
 * iac's style (NO_COLOR, FORCE_COLOR, CI).
 */
import type { IoMessage, StackActivity, StackMonitoringControlEvent } from "@aws-cdk/toolkit-lib";

export interface ProgressStyle {
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  dim(s: string): string;
}

const PLAIN: ProgressStyle = { red: (s) => s, yellow: (s) => s, green: (s) => s, dim: (s) => s };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null;
}

/** The parts of toolkit-lib's payloads read here, checked, since a message's data is `unknown`. */
type Activity = Pick<StackActivity, "event"> & { progress: Pick<StackActivity["progress"], "completed" | "total"> };
type MonitoringStart = Partial<Pick<StackMonitoringControlEvent, "stackName" | "resourcesTotal" | "isStackUpdate">>;

function isActivity(data: unknown): data is Activity {
  return isObject(data) && isObject(data.event) && isObject(data.progress) && typeof data.progress.completed === "number";
}

function monitoringStart(data: unknown): MonitoringStart {
  if (!isObject(data)) return {};
  return {
    stackName: str(data.stackName),
    resourcesTotal: typeof data.resourcesTotal === "number" ? data.resourcesTotal : undefined,
    isStackUpdate: data.isStackUpdate === true,
  };
}

function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}

/** `m:ss`. */
export function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

export class DeployProgress {
  private started?: number;
  private total?: number;
  private isStackUpdate = false;
  /** Resources whose delete failed during an update: CloudFormation skipped them; they may still exist. */
  private readonly skippedDeletes: string[] = [];
  /** Failed hooks' reasons by resource, added to the resource's own failure. */
  private readonly hookFailures = new Map<string, Map<string, string>>();
  private done = 0;
  /** Resources in progress, in the order they started: the newest is the operation shown. */
  private readonly running = new Map<string, string>();
  readonly failures: string[] = [];
  readonly warnings: string[] = [];

  constructor(
    private readonly out: (line: string) => void,
    private readonly style: ProgressStyle = PLAIN,
  ) {}

  get state(): { done: number; total?: number; current?: string } {
    const current = [...this.running.entries()].pop();
    return { done: this.done, total: this.total, current: current ? `${current[1]} ${current[0]}` : undefined };
  }

  private elapsed(msg: IoMessage<unknown>): string {
    const t = new Date(msg.time).getTime();
    this.started ??= t;
    return formatElapsed(t - this.started);
  }

  private counter(): string {
    const total = this.total === undefined ? "?" : String(this.total);
    return `[${String(this.done).padStart(total.length)}/${total}]`;
  }

  private activity(data: Activity, msg: IoMessage<unknown>): void {
    const e = data.event;
    this.done = data.progress.completed;
    if (data.progress.total !== undefined) this.total = data.progress.total;
    const status = e.ResourceStatus ?? "";
    const id = e.LogicalResourceId ?? "?";
    const what = `${id} (${e.ResourceType ?? "?"})`;
    if (e.HookStatus?.endsWith("_COMPLETE_FAILED") && e.HookType) {
      this.hookFailures.set(id, (this.hookFailures.get(id) ?? new Map<string, string>()).set(e.HookType, e.HookStatusReason ?? ""));
    }
    this.running.delete(id);
    if (status.endsWith("_IN_PROGRESS")) this.running.set(id, status);
    const provisional = this.isStackUpdate && status === "DELETE_FAILED";
    const failed = status.endsWith("_FAILED") && !provisional;
    const rollback = status.includes("ROLLBACK");
    const paint = failed ? this.style.red : provisional || rollback ? this.style.yellow : status.endsWith("_COMPLETE") ? this.style.green : this.style.dim;
    // As toolkit-lib does: a failure that names a failed hook gets that hook's own reason.
    const hook = [...(this.hookFailures.get(id) ?? [])].find(([type]) => e.ResourceStatusReason?.includes(type));
    const why = hook ? `${e.ResourceStatusReason} : ${hook[1]}` : e.ResourceStatusReason;
    const reason = failed && why ? `: ${why}` : provisional ? " (skipped: CloudFormation goes on without deleting it)" : "";
    if (provisional) this.skippedDeletes.push(id);
    const cancelled = (e.ResourceStatusReason ?? "").includes("cancelled");
    const rootStack = e.ResourceType === "AWS::CloudFormation::Stack" && e.PhysicalResourceId === e.StackId;
    if (failed && !cancelled && !rootStack) this.failures.push(`${what} ${status}${reason}`);
    this.out(`${this.counter()} ${this.elapsed(msg).padStart(5)}  ${paint(status.padEnd(22))} ${what}${reason}`);
  }

  /** A line of iac's own between toolkit messages (e.g. which of several stack updates starts). */
  note(line: string): void {
    this.out(this.style.dim(line));
  }

  handle(msg: IoMessage<unknown>): void {
    const data: unknown = msg.data;
    switch (msg.code) {
      case "CDK_TOOLKIT_I5501": {
        this.started = new Date(msg.time).getTime();
        const start = monitoringStart(data);
        this.total = start.resourcesTotal;
        this.isStackUpdate = start.isStackUpdate ?? false;
        this.out(`Deploying ${start.stackName ?? "stack"}${this.total !== undefined ? ` (${this.total} resources)` : ""}`);
        return;
      }
      case "CDK_TOOLKIT_I5502": {
        if (isActivity(data)) this.activity(data, msg);
        return;
      }
      case "CDK_TOOLKIT_I5503":
        this.running.clear();
        this.out(`${this.counter()} ${this.elapsed(msg).padStart(5)}  done`);
        if (this.skippedDeletes.length > 0) {
          const warning = `some resources failed to delete and were skipped; they may still exist (and cost): ${this.skippedDeletes.join(", ")}`;
          this.warnings.push(warning);
          this.out(this.style.yellow(`warning: ${warning}`));
          this.skippedDeletes.length = 0;
        }
        return;
      case "CDK_TOOLKIT_I7100": {
        if (!isObject(data) || typeof data.total !== "number" || typeof data.current !== "number") return;
        this.total = data.total;
        this.done = data.current - 1;
        this.out(`Destroying (${data.current}/${data.total})`);
        return;
      }
      default:
        if (msg.level === "error") {
          this.failures.push(msg.message);
          this.out(this.style.red(`error: ${msg.message}`));
        } else if (msg.level === "warn") {
          this.warnings.push(msg.message);
          this.out(this.style.yellow(`warning: ${msg.message}`));
        }
    }
  }
}
