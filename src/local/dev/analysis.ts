/**
 * Runs the analyzer in `iac dev`'s loop whenever the host asks (after each
 * build that succeeds), in a worker thread (analysis-worker.ts) so that
 * neither reloads nor requests wait for it. One analysis at a time; a
 * request during one queues exactly one more, which reads the files as they
 * are then. Each analysis's
 * report (what appeared, what was fixed, what the next deploy would change)
 * goes to `onReport`; a failure of the analyzer itself (a bug) to
 * `onFailure`, after which the next change starts a fresh worker.
 */
import * as fs from "fs";
import * as path from "path";
import { Worker } from "worker_threads";
import type { AppGraph } from "../../graph";
import { localDistPath } from "../app";
import type { AnalysisReport } from "./analysis-changes";
import type { WorkerAnswer } from "./analysis-worker";

export type { AnalysisReport } from "./analysis-changes";

export interface DevAnalysis {
  /** Analyse the app as it is now (after the running analysis, if any). */
  request(): void;
  close(): Promise<void>;
}

export interface DevAnalysisHandlers {
  /** `graph`: the analysis's graph (what `iac build` would read, errors or not). */
  onReport(report: AnalysisReport, graph: AppGraph): void;
  onFailure(message: string): void;
}

/** The compiled worker: beside this file in dist/, or dist/'s copy when this runs from source (ts-jest). */
function workerFile(): string {
  const beside = path.join(__dirname, "analysis-worker.js");
  return fs.existsSync(beside) ? beside : localDistPath("dev", "analysis-worker.js");
}

export function startDevAnalysis(appDir: string, handlers: DevAnalysisHandlers): DevAnalysis {
  let worker: Worker | undefined;
  let running = false;
  let queued = false;
  let closed = false;

  const spawn = (): Worker => {
    const w = new Worker(workerFile(), { workerData: { dir: appDir } });
    w.on("message", (answer: WorkerAnswer) => {
      if (closed) return;
      if (answer.ok) handlers.onReport(answer.report, answer.graph);
      else handlers.onFailure(answer.error);
      finished();
    });
    w.on("error", (error) => {
      if (closed) return;
      handlers.onFailure(error.stack ?? error.message);
      if (worker === w) worker = undefined;
      void w.terminate();
      finished();
    });
    // The host never waits for the worker to exit.
    w.unref();
    return w;
  };

  function finished(): void {
    running = false;
    if (queued && !closed) {
      queued = false;
      start();
    }
  }

  function start(): void {
    running = true;
    worker ??= spawn();
    worker.postMessage("analyze");
  }

  // Started now, so the compiler loads while the host sets up the first build.
  worker = spawn();
  return {
    request() {
      if (closed) return;
      if (running) queued = true;
      else start();
    },
    async close() {
      closed = true;
      queued = false;
      const w = worker;
      worker = undefined;
      if (w) await w.terminate();
      running = false;
    },
  };
}
