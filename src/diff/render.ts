/**
 * Renders a diff report as text for a terminal, markdown for a pull-request
 * comment (summary line first, details folded), or JSON for tools. Returns
 * strings; the CLI prints them.
 */
import { APP_HANDLER } from "../graph";
import type { SourceLocation } from "../graph";
import type { Cause, Change, ChangeClass, DiffReport } from "./types";

export type DiffFormat = "text" | "markdown" | "json";

/** Hidden marker the CI workflow uses to find and update its own comment. */
export const MARKDOWN_MARKER = "<!-- iac-diff -->";

export interface TextStyle {
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

const PLAIN: TextStyle = { red: (s) => s, yellow: (s) => s, green: (s) => s, dim: (s) => s, bold: (s) => s };

const ORDER: readonly ChangeClass[] = ["destructive", "permissions", "safe"];
const TITLES: Record<ChangeClass, string> = { destructive: "Destructive", permissions: "Permissions", safe: "Safe" };
const ICONS: Record<ChangeClass, string> = { destructive: "🛑", permissions: "🔐", safe: "✅" };

function loc(l: SourceLocation): string {
  return `${l.file}:${l.line}:${l.column}`;
}

export function describeCause(c: Cause): string {
  const via = c.via.length > 0 ? ` via ${c.via.map(loc).join(" → ")}` : "";
  const side = c.side === "base" ? " (base)" : "";
  const from = c.from === undefined ? "" : c.from === APP_HANDLER ? ", run at start-up in every function" : `, reached from ${c.from.startsWith("route:") ? c.from.slice("route:".length) : c.from.replace(":", " ")}`;
  return `${loc(c.location)}${c.what ? ` ${c.what}` : ""}${via}${from}${side}`;
}

function headline(c: Change): string {
  return `${c.subject} ${c.action}`;
}

function counts(report: DiffReport): string {
  return ORDER.filter((k) => report.summary[k] > 0).map((k) => `${report.summary[k]} ${k}`).join(", ");
}

function sides(report: DiffReport): string {
  return `${report.base.spec} → ${report.head.spec}, stage ${report.stage}`;
}

export function renderText(report: DiffReport, style: TextStyle = PLAIN): string {
  const colour: Record<ChangeClass, (s: string) => string> = { destructive: style.red, permissions: style.yellow, safe: style.green };
  const out = [style.bold(`iac diff (${sides(report)})`)];
  if (report.summary.total === 0) {
    out.push("No changes.");
  } else {
    out.push(`${report.summary.total} change${report.summary.total === 1 ? "" : "s"}: ${counts(report)}`);
    for (const cls of ORDER) {
      const list = report.changes.filter((c) => c.class === cls);
      if (list.length === 0) continue;
      out.push("", colour[cls](`${TITLES[cls]} (${list.length})`));
      for (const c of list) {
        out.push(`  ${c.source === "template" ? "resource " : ""}${headline(c)}`, `    ${style.dim(c.reason)}`);
        for (const d of c.details ?? []) out.push(`    ${d}`);
        for (const cause of c.causes) out.push(`    at ${describeCause(cause)}`);
      }
    }
  }
  if (!report.templateCompared) out.push("", style.dim("Templates were not compared (one side is a bare graph.json)."));
  return out.join("\n") + "\n";
}

function mdCode(s: string): string {
  return `\`${s.replace(/`/g, "'")}\``;
}

export function renderMarkdown(report: DiffReport): string {
  const where = `${mdCode(report.base.spec)} → ${mdCode(report.head.spec)}, stage ${mdCode(report.stage)}`;
  const out: string[] = [];
  if (!report.ok) {
    out.push(`**iac diff**: ❌ the diff could not be made (${where})`, "");
    for (const d of report.diagnostics.filter((x) => x.severity === "error")) out.push(`- ${d.code}${d.location ? ` ${mdCode(loc(d.location))}` : ""}: ${d.message}`);
    out.push("", MARKDOWN_MARKER);
    return out.join("\n") + "\n";
  }
  if (report.summary.total === 0) {
    out.push(`**iac diff**: no infrastructure changes (${where})`);
  } else {
    const parts = ORDER.filter((k) => report.summary[k] > 0).map((k) => `${ICONS[k]} ${report.summary[k]} ${k}`);
    out.push(`**iac diff**: ${parts.join(" · ")} (${where})`);
    for (const cls of ORDER) {
      const list = report.changes.filter((c) => c.class === cls);
      if (list.length === 0) continue;
      out.push("", `<details><summary>${TITLES[cls]} (${list.length})</summary>`, "");
      for (const c of list) {
        const kind = c.source === "template" ? "resource " : "";
        out.push(`- ${kind}${mdCode(c.subject)} ${c.action}: ${c.reason}`);
        for (const d of c.details ?? []) out.push(`  - ${d}`);
        for (const cause of c.causes) out.push(`  - at ${mdCode(describeCause(cause))}`);
      }
      out.push("", "</details>");
    }
  }
  if (!report.templateCompared) out.push("", "_Templates were not compared (one side is a bare graph.json)._");
  out.push("", MARKDOWN_MARKER);
  return out.join("\n") + "\n";
}

export function renderJson(report: DiffReport): string {
  return JSON.stringify(report, null, 2) + "\n";
}

export function renderReport(report: DiffReport, format: DiffFormat, style?: TextStyle): string {
  switch (format) {
    case "text":
      return renderText(report, style);
    case "markdown":
      return renderMarkdown(report);
    case "json":
      return renderJson(report);
    default: {
      const never: never = format;
      throw new Error(`unknown format ${String(never)}`);
    }
  }
}
