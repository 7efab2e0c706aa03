/**
 * Text rendering of a `why` answer: one block per reason, the SDK call's
 * location first, then the helper chain and the registration it is reached
 * from, so a reviewer can jump straight to the line.
 */
import type { SourceLocation } from "../graph";
import type { WhyAnswer, WhyReason } from "./types";

export interface WhyStyle {
  bold(text: string): string;
  dim(text: string): string;
}

const PLAIN: WhyStyle = { bold: (t) => t, dim: (t) => t };

export function loc(l: SourceLocation): string {
  return `${l.file}:${l.line}:${l.column}`;
}

export function renderWhy(answer: WhyAnswer, style: WhyStyle = PLAIN): string {
  const lines = [style.bold(answer.subject), `  ${answer.summary}`];
  if (answer.reasons.length > 0) lines.push("", answer.kind === "function" ? "registered by" : "because of");
  for (const r of answer.reasons) lines.push(...block(r, style));
  if (answer.uses && answer.uses.length > 0) {
    lines.push("", "permissions from");
    for (const r of answer.uses) lines.push(...block(r, style));
  }
  return lines.join("\n");
}

function block(r: WhyReason, style: WhyStyle): string[] {
  const out = [`  ${loc(r.location)}  ${r.what}`];
  if (r.via.length > 0) out.push(style.dim(`      via ${r.via.map(loc).join(" → ")}`));
  if (r.handler && r.what !== `${r.handler.title}` && !r.what.endsWith(r.handler.title)) {
    out.push(style.dim(`      reached from ${r.handler.title} (${loc(r.handler.location)})${r.function ? `, function ${r.function}` : ""}`));
  } else if (!r.handler && r.function) {
    out.push(style.dim(`      module top level: runs in ${r.function}`));
  }
  if (r.actions && r.actions.length > 0) out.push(style.dim(`      grants ${r.actions.join(", ")}`));
  return out;
}
