/** The answer of `why()`: plain data, rendered by the CLI (render.ts) or serialised as JSON. */
import type { SourceLocation } from "../graph";

export type WhyKind = "permission" | "function" | "resource" | "label" | "collection" | "handler";

export interface WhyReason {
  /** What this reason is, e.g. `data.set on collection "todo"` or `schedule.every("60 minutes")`. */
  what: string;
  /** The SDK call or the registration. */
  location: SourceLocation;
  /** Call sites from the handler down to the SDK call (empty when direct). */
  via: SourceLocation[];
  /** The registration the code is reached from (a route, a schedule...); absent for module top level. */
  handler?: { id: string; title: string; location: SourceLocation };
  /** The deployable function that runs it. */
  function?: string;
  /** IAM actions this usage grants. */
  actions?: string[];
}

export interface WhyAnswer {
  query: string;
  kind: WhyKind;
  /** The thing explained, e.g. `data:write in function http`. */
  subject: string;
  /** One sentence. */
  summary: string;
  /** Why it exists / why it is allowed, in source order. */
  reasons: WhyReason[];
  /** For functions and resources: what they may do (their usages), in source order. */
  uses?: WhyReason[];
}

export type WhyResult = { ok: true; answer: WhyAnswer } | { ok: false; message: string; hint?: string };

export interface WhyOptions {
  /** Limit a permission or resource question to one function. */
  function?: string;
}
