/**
 * JIT tuning for the span of one analysis.
 *
 * An analysis is a burst of a second or less in a process that has just
 * started, and V8's optimizing compiler (TurboFan) spends most of it
 * compiling: at 1,000 files it finishes over 400 optimizations on background
 * threads, which on a two-core machine take CPU from the main thread, and the
 * optimized code arrives late. Inlining less per function makes each of those
 * compilations cheaper; measured on the bench app (bench/analyze), a cold
 * analysis of 200 or 1,000 files takes 6–9% less time with the cumulative
 * inlining budget at 200 bytes of bytecode instead of V8's 920, and repeated
 * analyses in one process take about as long as without it.
 *
 * The budget is lowered when an analysis starts and put back when it ends, so
 * nothing that runs after it (CDK synthesis, a program's own code around
 * `iac/compiler`) keeps it; V8 flags are per process, so a thread running
 * during the span compiles with it too, which changes only how fast its code
 * is, never what it does. It is left alone when the process was started with
 * its own value, on a V8 whose default is not known (see V8_DEFAULTS), and
 * inside a worker thread (iac dev's analysis worker): the
 * main thread there serves requests for as long as the analysis runs, and
 * should not compile with the analysis's budget.
 * The flag is part of the hash V8 stamps on code caches, so no code cache is
 * written or read inside the span: callers save theirs after it.
 */
import * as v8 from "v8";
import { isMainThread } from "worker_threads";

const FLAG = "max-inlined-bytecode-size-cumulative";
const DURING_ANALYSIS = 200;

/**
 * V8's default for the flag, by V8 version (major.minor), as `node
 * --v8-options` prints it: the value the span puts back. V8 has no way to
 * read a flag at run time, so the span runs only on a V8 listed here; on any
 * other the analysis runs with V8's own settings.
 */
const V8_DEFAULTS: Readonly<Record<string, number>> = { "11.3": 920, "12.4": 920 };

/** The process was started with its own value (either spelling); V8 flags cannot come from NODE_OPTIONS. */
const SET_BY_USER = process.execArgv.some((a) => a.replace(/_/g, "-").startsWith(`--${FLAG}`));

/** The value in force before any span: V8's default, when this V8 is known and the user set none. */
const BEFORE: number | undefined = SET_BY_USER ? undefined : V8_DEFAULTS[process.versions.v8.split(".").slice(0, 2).join(".")];

let active = false;

/** Runs `work` with the analysis's inlining budget; nested calls just run. */
export function withAnalysisJit<T>(work: () => T): T {
  if (active || BEFORE === undefined || !isMainThread) return work();
  active = true;
  v8.setFlagsFromString(`--${FLAG}=${DURING_ANALYSIS}`);
  try {
    return work();
  } finally {
    v8.setFlagsFromString(`--${FLAG}=${BEFORE}`);
    active = false;
  }
}
