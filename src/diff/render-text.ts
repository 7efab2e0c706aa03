/**
 * The report for a terminal: sections strongest first, each change with its
 * reason, its causes, and for a CloudFormation resource what changed in it
 * (values before → after, JSON line diffs, IAM statements and
 * security-group rules as aligned tables), then the analysis warnings.
 */
import type { Diagnostic } from "../graph";
import { changesOf, describeCause, inline, loc, ORDER, sides, statementCells, TITLES } from "./render-common";
import type { Change, ChangeClass, DiffReport, PropertyDiff, ResourceDetail } from "./types";

export interface TextStyle {
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

export const PLAIN: TextStyle = { red: (s) => s, yellow: (s) => s, green: (s) => s, dim: (s) => s, bold: (s) => s };

/** Columns padded to their widest cell; the header row first. */
function table(rows: string[][], indent: string): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => `${indent}${r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join("  ")}`.trimEnd());
}

function sign(change: "added" | "removed"): string {
  return change === "added" ? "+" : "-";
}

function property(p: PropertyDiff, style: TextStyle, indent: string): string[] {
  const replaces = p.replaces ? style.red(" (requires replacement)") : "";
  if (!p.lines) {
    const value =
      p.before === undefined
        ? `added ${inline(p.after)}`
        : p.after === undefined
          ? `removed (was ${inline(p.before)})`
          : `${inline(p.before)} → ${inline(p.after)}`;
    return [`${indent}${p.path}: ${value}${replaces}`];
  }
  const paint = (l: string): string => (l.startsWith("+") ? style.green(l) : l.startsWith("-") ? style.red(l) : l.startsWith("@@") ? style.dim(l) : l);
  return [`${indent}${p.path}:${replaces}`, ...p.lines.map((l) => `${indent}  ${paint(l)}`)];
}

export function resourceLines(r: ResourceDetail, style: TextStyle, indent: string): string[] {
  const out: string[] = [];
  for (const p of r.properties) out.push(...property(p, style, indent));
  if (r.statements) {
    const rows = r.statements.map((s) => [sign(s.change), ...statementCells(s).map((cell) => cell.join(", "))]);
    out.push(`${indent}IAM statements:`, ...table([["", "Effect", "Action", "Resource", "Principal", "Condition"], ...rows], `${indent}  `));
  }
  if (r.managedPolicies) {
    out.push(
      `${indent}Managed policies:`,
      ...table([["", "Identity", "Policy"], ...r.managedPolicies.map((m) => [sign(m.change), m.identity, m.policyArn])], `${indent}  `),
    );
  }
  if (r.securityGroupRules) {
    const rows = r.securityGroupRules.map((g) => [sign(g.change), g.group, g.direction === "in" ? "In" : "Out", g.protocol, g.peer]);
    out.push(`${indent}Security group rules:`, ...table([["", "Group", "Dir", "Protocol", "Peer"], ...rows], `${indent}  `));
  }
  return out;
}

function change(c: Change, style: TextStyle): string[] {
  const out = [`  ${c.source === "template" ? "resource " : ""}${c.subject} ${c.action}`, `    ${style.dim(c.reason)}`];
  for (const d of c.details ?? []) out.push(`    ${d}`);
  if (c.resource) out.push(...resourceLines(c.resource, style, "    "));
  for (const cause of c.causes) out.push(`    at ${describeCause(cause)}`);
  return out;
}

function diagnostic(d: Diagnostic): string {
  const where = d.location ? `${loc(d.location)} ` : "";
  return `  ${where}${d.severity} ${d.code} ${d.message}`;
}

function warnings(report: DiffReport, style: TextStyle): string[] {
  const w = report.warnings;
  const out: string[] = [];
  if (w.added.length > 0) out.push("", style.yellow(`${w.baseKnown ? "New warnings" : "Warnings"} (${w.added.length})`), ...w.added.map(diagnostic));
  if (w.unchanged.length > 0) out.push("", style.dim(`Warnings the base has too (${w.unchanged.length})`), ...w.unchanged.map(diagnostic));
  if (w.resolved.length > 0) out.push("", style.dim(`Warnings resolved (${w.resolved.length})`), ...w.resolved.map(diagnostic));
  return out;
}

export function renderText(report: DiffReport, style: TextStyle = PLAIN): string {
  const colour: Record<ChangeClass, (s: string) => string> = { destructive: style.red, permissions: style.yellow, safe: style.green };
  const out = [style.bold(`iac diff (${sides(report)})`)];
  if (report.summary.total === 0) {
    out.push("No changes.");
  } else {
    const counts = ORDER.filter((k) => report.summary[k] > 0)
      .map((k) => `${report.summary[k]} ${k}`)
      .join(", ");
    out.push(`${report.summary.total} change${report.summary.total === 1 ? "" : "s"}: ${counts}`);
    for (const cls of ORDER) {
      const list = changesOf(report, cls);
      if (list.length === 0) continue;
      out.push("", colour[cls](`${TITLES[cls]} (${list.length})`));
      for (const c of list) out.push(...change(c, style));
    }
  }
  out.push(...warnings(report, style));
  if (!report.templateCompared) out.push("", style.dim("Templates were not compared (one side is a bare graph.json)."));
  return out.join("\n") + "\n";
}
