/**
 * The shapes the dashboard API answers with. Those the server defines are
 * its own types, imported from the plain modules that declare them (no
 * Node or library imports, so this page's compiler settings check them as
 * they are); the rest are the router's answers (src/local/dashboard/router.ts).
 */
import type { ItemWithMeta } from "../src/runtime/data/types";

export type { SourceLocation } from "../src/graph/types";
export type { Diagnostic } from "../src/graph/diagnostics";
export type { Span, Trace, TraceSummary } from "../src/local/dashboard/traces";
export type { LogEntry } from "../src/local/dashboard/log-ring";

export interface Overview {
  app: string;
  stage: string;
  version: number;
  url: string;
  appDir: string;
  analysis: { state: "off" | "pending" | "done"; run?: number; ms?: number; errors: number; warnings: number };
}

/** A table item as the data API lists it: the runtime's `data.get(key, { meta: true })` shape. */
export type Item = ItemWithMeta<unknown>;

export { LABEL_NAMES as LABELS } from "../src/runtime/data/types";
