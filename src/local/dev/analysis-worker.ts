/**
 * The analysis worker of `iac dev`: a worker thread the host keeps for the
 * whole session, so the TypeScript compiler is loaded once and the analyzer's
 * code stays compiled, and whose parse cache (analyzer/program.ts) keeps the
 * parsed modules, so an analysis after a save re-parses only what changed.
 * It runs beside the host (after each build), never on the request path.
 *
 * Protocol: the host posts `"analyze"`; the worker analyses the app folder
 * it was started on and answers one `WorkerAnswer` per request, in order.
 * The comparison with the previous analysis (analysis-changes.ts) is made
 * here too; the report crosses the thread boundary with the graph, which
 * the dashboard draws (plain JSON, a structured clone of some kilobytes).
 */
import { parentPort, workerData } from "worker_threads";
import { analyzeApp } from "../../analyzer";
import { ParseCache, useParseCache } from "../../analyzer/program";
import type { AppGraph } from "../../graph";
import { type AnalysisReport, type AnalysisState, nextReport } from "./analysis-changes";

export type WorkerAnswer = { ok: true; report: AnalysisReport; graph: AppGraph; reused: number; parsed: number } | { ok: false; error: string };

const port = parentPort;
if (!port) throw new Error("internal: analysis-worker.js runs as a worker thread");
const { dir } = workerData as { dir: string };
const cache = new ParseCache();
useParseCache(cache);
let state: AnalysisState | undefined;

port.on("message", () => {
  let answer: WorkerAnswer;
  try {
    const started = process.hrtime.bigint();
    const result = analyzeApp(dir);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const next = nextReport(state, result, ms);
    state = next.state;
    answer = { ok: true, report: next.report, graph: result.graph, reused: cache.reused, parsed: cache.parsed };
  } catch (error) {
    answer = { ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  port.postMessage(answer);
});
