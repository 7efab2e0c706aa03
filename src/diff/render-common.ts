/**
 * What the text and markdown renderings share: section order and titles,
 * how a cause and a change read, and counts per class and per area (the
 * areas' nouns are their kinds', kinds/). Pure string work over the report;
 * never loads the template engine.
 */
import { APP_HANDLER } from "../graph";
import type { SourceLocation } from "../graph";
import { AREAS } from "./kinds";
import type { Cause, Change, ChangeArea, ChangeClass, DiffReport } from "./types";

/** Strongest first: the order sections appear in. */
export const ORDER: readonly ChangeClass[] = ["destructive", "permissions", "safe"];
export const TITLES: Record<ChangeClass, string> = { destructive: "Destructive", permissions: "Permissions", safe: "Safe" };

export function loc(l: SourceLocation): string {
  return `${l.file}:${l.line}:${l.column}`;
}

/** `, reached from GET /todos` / `, run at start-up in every function` / "". */
export function reachedFrom(c: Cause): string {
  if (c.from === undefined) return "";
  if (c.from === APP_HANDLER) return ", run at start-up in every function";
  return `, reached from ${c.from.startsWith("route:") ? c.from.slice("route:".length) : c.from.replace(":", " ")}`;
}

export function describeCause(c: Cause): string {
  const via = c.via.length > 0 ? ` via ${c.via.map(loc).join(" → ")}` : "";
  const side = c.side === "base" ? " (base)" : "";
  return `${loc(c.location)}${c.what ? ` ${c.what}` : ""}${via}${reachedFrom(c)}${side}`;
}

export function sides(report: DiffReport): string {
  return `${report.base.spec} → ${report.head.spec}, stage ${report.stage}`;
}

export function changesOf(report: DiffReport, cls: ChangeClass): Change[] {
  return report.changes.filter((c) => c.class === cls);
}

/** `1 route removed · 2 resources changed`: what a folded section holds, in order of first appearance. */
export function breakdown(changes: readonly Change[]): string {
  const counts = new Map<string, { area: ChangeArea; action: Change["action"]; n: number }>();
  for (const c of changes) {
    const k = `${c.area} ${c.action}`;
    const e = counts.get(k);
    if (e) e.n += 1;
    else counts.set(k, { area: c.area, action: c.action, n: 1 });
  }
  return [...counts.values()].map((e) => `${e.n} ${AREAS[e.area][e.n === 1 ? 0 : 1]} ${e.action}`).join(" · ");
}

/** `1 new warning` / `3 warnings` (base unknown) / "" when there are none to show. */
export function warningCount(report: DiffReport): string {
  const n = report.warnings.added.length;
  if (n === 0) return "";
  return `${n} ${report.warnings.baseKnown ? "new " : ""}warning${n === 1 ? "" : "s"}`;
}

/** An IAM statement row's cells: actions, resources, principals, condition. */
export function statementCells(r: { effect: string; actions: string[]; resources: string[]; principals: string[]; condition?: string }): string[][] {
  return [[r.effect], r.actions, r.resources, r.principals, r.condition ? [r.condition] : []];
}

/** A value on one line: JSON, compact. */
export function inline(v: unknown): string {
  return JSON.stringify(v);
}
