/**
 * What the dashboard reads and drives in the running `iac dev`: the host
 * (src/local/dev/server.ts) hands one of these to the dashboard's router.
 * Plain functions, so the API can be tested against a stand-in.
 */
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { AppGraph, Diagnostic } from "../../graph";
import type { EventEnvelope } from "../../runtime/internal";
import type { Guest } from "../guest";

export interface AnalysisView {
  /** `off`: `iac dev --no-analysis`; `pending`: the first analysis has not answered yet. */
  state: "off" | "pending" | "done";
  graph?: AppGraph;
  diagnostics: Diagnostic[];
  /** Which analysis of the session (1 at start). */
  run?: number;
  ms?: number;
}

export interface DashboardHost {
  status(): { app: string; stage: string; version: number; url: string; appDir: string };
  /** The app version serving new requests; undefined until a first good build. */
  guest(): Guest | undefined;
  analysis(): AnalysisView;
  /** The embedded table's client (whole-table browsing). */
  dataClient(): DynamoDBClient;
  dataTable: string;
  schedules(): { expression: string; next?: number }[];
  runSchedule(expression: string): Promise<void>;
  publish(name: string, body: unknown): Promise<{ id: string }>;
  pendingEvents(): EventEnvelope[];
  /** The params the app sees now (files, environment, reserved names). */
  params(): Record<string, string>;
  /** Reads the params again and reloads the app, so the next invocations see them. */
  paramsChanged(): Promise<void>;
}
