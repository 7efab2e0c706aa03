/**
 * The dev server's log stream. Every line carries the time; app output
 * (`console.*` from handlers) also carries the handler that wrote it (the
 * route, schedule or listener) and its level. The handler is known through
 * AsyncLocalStorage: the host runs each invocation inside `run(label, fn)`,
 * and the label follows the handler's async work. Errors print with their
 * stacks, which point at the app's sources because the host enables Node's
 * source maps for the bundles it loads.
 */
import { AsyncLocalStorage } from "async_hooks";
import { format } from "util";

/** Colours, when the terminal wants them (the CLI passes its style). */
export interface Paint {
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  green(s: string): string;
}

const LEVELS = ["log", "info", "warn", "error", "debug"] as const;
type Level = (typeof LEVELS)[number];

const plain: Paint = { dim: (s) => s, red: (s) => s, yellow: (s) => s, cyan: (s) => s, green: (s) => s };

export class DevLogger {
  private readonly context = new AsyncLocalStorage<string>();

  constructor(
    private readonly write: (line: string) => void,
    private readonly paint: Paint = plain,
  ) {}

  /** Runs `fn` with `label` as the handler its logs are attributed to. */
  run<T>(label: string, fn: () => T): T {
    return this.context.run(label, fn);
  }

  /** Routes `console.*` through this logger; returns the function that puts the originals back. */
  captureConsole(): () => void {
    const originals = LEVELS.map((level) => [level, console[level]] as const);
    for (const level of LEVELS) console[level] = (...args: unknown[]) => this.app(level, args);
    return () => {
      for (const [level, fn] of originals) console[level] = fn;
    };
  }

  /** A line of the tool's own (startup, reloads). */
  info(message: string): void {
    this.write(`${this.time()} ${message}`);
  }

  warn(message: string): void {
    this.write(`${this.time()} ${this.paint.yellow(message)}`);
  }

  error(message: string): void {
    this.write(`${this.time()} ${this.paint.red(message)}`);
  }

  request(method: string, url: string, status: number, ms: number): void {
    const code = status >= 500 ? this.paint.red(String(status)) : status >= 400 ? this.paint.yellow(String(status)) : this.paint.green(String(status));
    this.write(`${this.time()} ${method} ${url} ${code} ${this.paint.dim(`${ms.toFixed(0)} ms`)}`);
  }

  private app(level: Level, args: unknown[]): void {
    const label = this.context.getStore() ?? "app";
    const tag = level === "error" ? this.paint.red("error") : level === "warn" ? this.paint.yellow("warn") : this.paint.dim(level);
    const text = format(...args);
    this.write(`${this.time()} ${this.paint.cyan(`[${label}]`)} ${tag} ${text}`);
  }

  private time(): string {
    return this.paint.dim(new Date().toISOString().slice(11, 23));
  }
}
