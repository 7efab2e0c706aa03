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
 * its own value, and inside a worker thread (iac dev's analysis worker): the
 * main thread there serves requests for as long as the analysis runs, and
 * should not compile with the analysis's budget.
 * The flag is part of the hash V8 stamps on code caches, so no code cache is
 * written or read inside the span: callers save theirs after it.
 */
import * as v8 from "v8";
import { isMainThread } from "worker_threads";

const FLAG = "max-inlined-bytecode-size-cumulative";
/** V8's default, unchanged for many releases (Node 20's V8 11.3 among them). */
const V8_DEFAULT = 920;
const DURING_ANALYSIS = 200;

/** The process was started with its own value (either spelling); V8 flags cannot come from NODE_OPTIONS. */
const SET_BY_USER = process.execArgv.some((a) => a.replace(/_/g, "-").startsWith(`--${FLAG}`));

let active = false;

/** Runs `work` with the analysis's inlining budget; nested calls just run. */
export function withAnalysisJit<T>(work: () => T): T {
  if (active || SET_BY_USER || !isMainThread) return work();
  active = true;
  v8.setFlagsFromString(`--${FLAG}=${DURING_ANALYSIS}`);
  try {
    return work();
  } finally {
    v8.setFlagsFromString(`--${FLAG}=${V8_DEFAULT}`);
    active = false;
  }
}
