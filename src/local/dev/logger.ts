/**
 * The dev server's log stream. Every line carries the time; app output
 * (`console.*` from handlers) also carries the handler that wrote it (the
 * route, schedule or listener) and its level. The handler is known through
 * AsyncLocalStorage: the host runs each invocation inside `run(label, fn)`,
 * and the label follows the handler's async work. Errors print with their
 * stacks, which point at the app's sources because the host enables Node's
 * source maps for the bundles it loads.
 *
 * An observer (the dashboard's recorder, src/local/dashboard) may watch:
 * each `run` is an invocation with a trace id, and every line is also
 * handed over as data (level, source, text, the trace it belongs to).
 */
import { AsyncLocalStorage } from "async_hooks";
import { format } from "util";
import { LOG_LEVELS, type LogLevel } from "../log-levels";

/** Colours, when the terminal wants them (the CLI passes its style). */
export interface Paint {
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  green(s: string): string;
}

type Level = LogLevel;

export type { LogLevel };

/** An invocation's end: the error it threw or rejected with, or the status its response was sent with. */
export interface InvocationOutcome {
  error?: unknown;
  status?: number;
}

/** One line as data; `trace` is the invocation it was written in. */
export interface LogLine {
  level: Level;
  /** The handler's label (`GET /todos`, `schedule rate(1 hour)`), `iac` for the tool's own lines, `http` for the request log. */
  source: string;
  text: string;
  trace?: number;
  status?: number;
}

export interface LogObserver {
  /** A new invocation `label`; answers its trace id. */
  begin(label: string): number;
  end(trace: number, outcome: InvocationOutcome): void;
  line(line: LogLine): void;
}

/** A response an invocation ends with (a request's): its trace ends when it closes, with its status. */
interface Responding {
  statusCode: number;
  once(event: "close", listener: () => void): unknown;
}

interface Invocation {
  label: string;
  trace?: number;
}

const plain: Paint = { dim: (s) => s, red: (s) => s, yellow: (s) => s, cyan: (s) => s, green: (s) => s };

export class DevLogger {
  private readonly context = new AsyncLocalStorage<Invocation>();

  constructor(
    private readonly write: (line: string) => void,
    private readonly paint: Paint = plain,
    private readonly observer?: LogObserver,
  ) {}

  /**
   * Runs `fn` with `label` as the handler its logs are attributed to. With
   * an observer it is a traced invocation, which ends when `fn`'s promise
   * settles, or when `response` closes.
   */
  run<T>(label: string, fn: () => T, response?: Responding): T {
    const observer = this.observer;
    if (!observer) return this.context.run({ label }, fn);
    const trace = observer.begin(label);
    const end = (outcome: InvocationOutcome): void => observer.end(trace, outcome);
    if (response) response.once("close", () => end({ status: response.statusCode }));
    let result: T;
    try {
      result = this.context.run({ label, trace }, fn);
    } catch (error) {
      end({ error });
      throw error;
    }
    if (!response) {
      if (result instanceof Promise)
        result.then(
          () => end({}),
          (error: unknown) => end({ error }),
        );
      else end({});
    }
    return result;
  }

  /** The trace id of the invocation running now; undefined outside one (or with no observer). */
  currentTrace(): number | undefined {
    return this.context.getStore()?.trace;
  }

  /** Routes `console.*` through this logger; returns the function that puts the originals back. */
  captureConsole(): () => void {
    const originals = LOG_LEVELS.map((level) => [level, console[level]] as const);
    for (const level of LOG_LEVELS) console[level] = (...args: unknown[]) => this.app(level, args);
    return () => {
      for (const [level, fn] of originals) console[level] = fn;
    };
  }

  /** A line of the tool's own (startup, reloads). */
  info(message: string): void {
    this.write(`${this.time()} ${message}`);
    this.observer?.line({ level: "info", source: "iac", text: message, trace: this.currentTrace() });
  }

  warn(message: string): void {
    this.write(`${this.time()} ${this.paint.yellow(message)}`);
    this.observer?.line({ level: "warn", source: "iac", text: message, trace: this.currentTrace() });
  }

  error(message: string): void {
    this.write(`${this.time()} ${this.paint.red(message)}`);
    this.observer?.line({ level: "error", source: "iac", text: message, trace: this.currentTrace() });
  }

  request(method: string, url: string, status: number, ms: number, trace?: number): void {
    const code = status >= 500 ? this.paint.red(String(status)) : status >= 400 ? this.paint.yellow(String(status)) : this.paint.green(String(status));
    this.write(`${this.time()} ${method} ${url} ${code} ${this.paint.dim(`${ms.toFixed(0)} ms`)}`);
    const level = status >= 500 ? "error" : status >= 400 ? "warn" : "info";
    this.observer?.line({ level, source: "http", text: `${method} ${url} ${status} ${ms.toFixed(0)} ms`, trace, status });
  }

  private app(level: Level, args: unknown[]): void {
    const invocation = this.context.getStore();
    const label = invocation?.label ?? "app";
    const tag = level === "error" ? this.paint.red("error") : level === "warn" ? this.paint.yellow("warn") : this.paint.dim(level);
    const text = format(...args);
    this.write(`${this.time()} ${this.paint.cyan(`[${label}]`)} ${tag} ${text}`);
    this.observer?.line({ level, source: label, text, trace: invocation?.trace });
  }

  private time(): string {
    return this.paint.dim(new Date().toISOString().slice(11, 23));
  }
}
