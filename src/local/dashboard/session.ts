/**
 * The dashboard's part of one `iac dev` session, in one place for the host
 * (src/local/dev/server.ts): the recorder the logger reports to, the SDK
 * wrapper the loader hands each app version, the last analysis (its graph
 * and diagnostics), and the router serving page and API.
 */
import type { Router } from "express";
import type { AppGraph } from "../../graph";
import type { AnalysisReport } from "../dev/analysis";
import type { DashboardHost, AnalysisView } from "./host";
import { instrumentSdk, type CallRecorder } from "./instrument";
import { DashboardRecorder } from "./recorder";
import { dashboardRouter } from "./router";

export interface DashboardSession {
  /** The logger's observer: every line and invocation. */
  readonly recorder: DashboardRecorder;
  /** What the loader hands the app instead of the SDK module. */
  instrument(sdk: object): object;
  /** Keeps an analysis's graph and diagnostics, and tells the open pages. */
  analysed(report: AnalysisReport, graph: AppGraph): void;
  router(host: Omit<DashboardHost, "analysis">, token: string): Router;
}

/** `currentTrace`: the invocation running now (the logger's); `analysis`: whether this session analyses the app at all. */
export function startDashboardSession(currentTrace: () => number | undefined, analysis: boolean): DashboardSession {
  const recorder = new DashboardRecorder();
  let view: AnalysisView = { state: analysis ? "pending" : "off", diagnostics: [] };
  const calls: CallRecorder = {
    currentTrace,
    get detailed() {
      return recorder.detailed;
    },
    span: (trace, span) => recorder.span(trace, span),
    changed: (area, what) => recorder.notify(area, () => (area === "data" ? { keys: [what] } : { paths: [what] })),
  };
  return {
    recorder,
    instrument: (sdk) => instrumentSdk(sdk, calls),
    analysed(report, graph) {
      view = { state: "done", graph, diagnostics: report.diagnostics, run: report.run, ms: report.ms };
      recorder.notify("analysis", () => ({
        run: report.run,
        ms: report.ms,
        errors: report.errors,
        warnings: report.warnings,
        appeared: report.appeared.length,
        fixed: report.fixed.length,
      }));
    },
    router: (host, token) => dashboardRouter({ ...host, analysis: () => view }, recorder, token),
  };
}
