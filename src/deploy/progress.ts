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
 */
import type { IoMessage } from "@aws-cdk/toolkit-lib";

export interface ProgressStyle {
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  dim(s: string): string;
}

const PLAIN: ProgressStyle = { red: (s) => s, yellow: (s) => s, green: (s) => s, dim: (s) => s };

interface ActivityData {
  event: { LogicalResourceId?: string; ResourceType?: string; ResourceStatus?: string; ResourceStatusReason?: string };
  progress: { completed: number; total?: number };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null;
}

function isActivity(data: unknown): data is ActivityData {
  return isObject(data) && isObject(data.event) && isObject(data.progress) && typeof data.progress.completed === "number";
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
  private done = 0;
  /** Resources in progress, in the order they started: the newest is the operation shown. */
  private readonly running = new Map<string, string>();
  readonly failures: string[] = [];
  readonly warnings: string[] = [];

  constructor(private readonly out: (line: string) => void, private readonly style: ProgressStyle = PLAIN) {}

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

  /** A line of iac's own between toolkit messages (e.g. which of several stack updates starts). */
  note(line: string): void {
    this.out(this.style.dim(line));
  }

  handle(msg: IoMessage<unknown>): void {
    const data: unknown = msg.data;
    switch (msg.code) {
      case "CDK_TOOLKIT_I5501": {
        this.started = new Date(msg.time).getTime();
        const total = isObject(data) && typeof data.resourcesTotal === "number" ? data.resourcesTotal : undefined;
        this.total = total;
        const name = isObject(data) ? str(data.stackName) : undefined;
        this.out(`Deploying ${name ?? "stack"}${total !== undefined ? ` (${total} resources)` : ""}`);
        return;
      }
      case "CDK_TOOLKIT_I5502": {
        if (!isActivity(data)) return;
        const e = data.event;
        this.done = data.progress.completed;
        if (data.progress.total !== undefined) this.total = data.progress.total;
        const status = e.ResourceStatus ?? "";
        const what = `${e.LogicalResourceId ?? "?"} (${e.ResourceType ?? "?"})`;
        const failed = status.endsWith("_FAILED");
        const id = e.LogicalResourceId ?? "?";
        this.running.delete(id);
        if (status.endsWith("_IN_PROGRESS")) this.running.set(id, status);
        const paint = failed ? this.style.red : status.endsWith("_COMPLETE") ? this.style.green : this.style.dim;
        const reason = failed && e.ResourceStatusReason ? `: ${e.ResourceStatusReason}` : "";
        if (failed) this.failures.push(`${what} ${status}${reason}`);
        this.out(`${this.counter()} ${this.elapsed(msg).padStart(5)}  ${paint(status.padEnd(22))} ${what}${reason}`);
        return;
      }
      case "CDK_TOOLKIT_I5503":
        this.running.clear();
        this.out(`${this.counter()} ${this.elapsed(msg).padStart(5)}  done`);
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
