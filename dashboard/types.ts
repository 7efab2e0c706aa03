/** The shapes the dashboard API answers with (src/local/dashboard). */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

export interface Overview {
  app: string;
  stage: string;
  version: number;
  url: string;
  appDir: string;
  analysis: { state: "off" | "pending" | "done"; run?: number; ms?: number; errors: number; warnings: number };
}

export interface LogEntry {
  seq: number;
  time: number;
  level: "log" | "info" | "warn" | "error" | "debug";
  source: string;
  text: string;
  trace?: number;
  status?: number;
}

export interface Span {
  op: string;
  args: string;
  result?: string;
  error?: string;
  at: number;
  ms: number;
}

export interface TraceSummary {
  id: number;
  kind: "request" | "schedule" | "event" | "listener";
  label: string;
  started: number;
  ms?: number;
  status?: number;
  error?: string;
  calls: number;
  errors: number;
}

export interface Trace extends Omit<TraceSummary, "calls" | "errors"> {
  spans: Span[];
  dropped: number;
}

export interface Diagnostic {
  code: string;
  severity: "error" | "warning" | "info";
  message: string;
  location?: SourceLocation;
  hint?: string;
}

export interface Item {
  key: string;
  value: unknown;
  created?: number;
  modified?: number;
  label1?: string;
  label2?: string;
  label3?: string;
  label4?: string;
  label5?: string;
  ttl?: number;
}

export const LABELS = ["label1", "label2", "label3", "label4", "label5"] as const;
