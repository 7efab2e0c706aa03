/**
 * The report as a pull-request comment (GitHub-flavoured markdown): the
 * summary line first with counts per class; Destructive and Permissions
 * open, Safe folded; the analysis warnings the change brings in open, the
 * rest folded. Each CloudFormation resource shows what changed in it: values
 * before → after, JSON line diffs as ```diff blocks, IAM statements and
 * security-group rules as tables. Source locations are links when the
 * report has link prefixes (CI, `--link-base`).
 *
 * GitHub refuses comments over 65,536 characters: past `MARKDOWN_LIMIT` the
 * details are dropped, the Safe section's first, and the comment says so.
 */
import type { Diagnostic, SourceLocation } from "../graph";
import { linkTo } from "./links";
import { breakdown, changesOf, inline, loc, ORDER, reachedFrom, statementCells, TITLES, warningCount } from "./render-common";
import type { Cause, Change, ChangeClass, DiffReport, PropertyDiff, ResourceDetail } from "./types";

/** Hidden marker the CI workflow uses to find and update its own comment. */
export const MARKDOWN_MARKER = "<!-- iac-diff -->";

/** Below GitHub's 65,536-character limit on a comment, with room for the workflow's own text. */
export const MARKDOWN_LIMIT = 60_000;

const ICONS: Record<ChangeClass, string> = { destructive: "🛑", permissions: "🔐", safe: "✅" };

/** Property diffs longer than this are cut (the JSON report has them whole). */
const MAX_DIFF_LINES = 40;

/** How much resource detail to show per class: everything, only the tables, or nothing. */
type Detail = "full" | "tables" | "none";
type Budget = Record<ChangeClass, Detail>;

const BUDGETS: readonly Budget[] = [
  { destructive: "full", permissions: "full", safe: "full" },
  { destructive: "full", permissions: "full", safe: "none" },
  { destructive: "tables", permissions: "tables", safe: "none" },
  { destructive: "none", permissions: "none", safe: "none" },
];

/** Inline code that survives any content: backticks become quotes, and pipes are escaped (GFM splits table cells on them first). */
export function code(s: string): string {
  return `\`${s.replace(/`/g, "'").replace(/\|/g, "\\|")}\``;
}

/**
 * Text outside code: characters markdown or HTML would read as syntax are
 * escaped. Reasons may quote a command in backticks: balanced backticks
 * stay code spans, left as they are (escapes are not read inside one); an
 * odd one is escaped with the rest.
 */
function text(s: string): string {
  const escape = (t: string): string => t.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`);
  if ((s.match(/`/g) ?? []).length % 2 !== 0) return escape(s);
  return s
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : escape(part)))
    .join("");
}

/** Text inside an HTML block (a `<summary>`), where markdown escapes are not read. */
function html(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function where(links: DiffReport["links"], side: Cause["side"], l: SourceLocation): string {
  const url = linkTo(links, side, l);
  return url ? `[${code(loc(l))}](${url})` : code(loc(l));
}

function cause(report: DiffReport, c: Cause): string {
  const via = c.via.length > 0 ? ` via ${c.via.map((v) => where(report.links, c.side, v)).join(" → ")}` : "";
  return `at ${where(report.links, c.side, c.location)}${c.what ? ` ${code(c.what)}` : ""}${via}${text(reachedFrom(c))}${c.side === "base" ? " (base)" : ""}`;
}

function fenced(lines: readonly string[], lang: string, indent: string): string[] {
  const longest = Math.max(2, ...lines.map((l) => Math.max(0, ...(l.match(/`+/g) ?? []).map((m) => m.length))));
  const fence = "`".repeat(longest + 1);
  return ["", `${indent}${fence}${lang}`, ...lines.map((l) => `${indent}${l}`), `${indent}${fence}`, ""];
}

function property(p: PropertyDiff, indent: string): string[] {
  const replaces = p.replaces ? " — **requires replacement**" : "";
  if (!p.lines) {
    const value =
      p.before === undefined
        ? `added ${code(inline(p.after))}`
        : p.after === undefined
          ? `removed (was ${code(inline(p.before))})`
          : `${code(inline(p.before))} → ${code(inline(p.after))}`;
    return [`${indent}- ${code(p.path)}: ${value}${replaces}`];
  }
  const shown = p.lines.slice(0, MAX_DIFF_LINES);
  const cut = p.lines.length - shown.length;
  return [
    `${indent}- ${code(p.path)}:${replaces}`,
    ...fenced(shown, "diff", `${indent}  `),
    ...(cut > 0 ? [`${indent}  _… ${cut} more lines (\`--format json\` has them all)_`] : []),
  ];
}

function cells(values: readonly string[]): string {
  return values.map(code).join("<br>");
}

function mdTable(header: readonly string[], rows: readonly string[][], indent: string): string[] {
  return ["", `${indent}| ${header.join(" | ")} |`, `${indent}|${header.map(() => "---").join("|")}|`, ...rows.map((r) => `${indent}| ${r.join(" | ")} |`), ""];
}

function sign(change: "added" | "removed"): string {
  return change === "added" ? "+" : "-";
}

function resource(r: ResourceDetail, detail: Detail, indent: string): string[] {
  if (detail === "none") return [];
  const out: string[] = [];
  if (detail === "full") for (const p of r.properties) out.push(...property(p, indent));
  if (r.statements) {
    const rows = r.statements.map((s) => [sign(s.change), ...statementCells(s).map(cells)]);
    out.push(`${indent}- IAM statements:`, ...mdTable(["", "Effect", "Action", "Resource", "Principal", "Condition"], rows, `${indent}  `));
  }
  if (r.managedPolicies) {
    const rows = r.managedPolicies.map((m) => [sign(m.change), code(m.identity), code(m.policyArn)]);
    out.push(`${indent}- Managed policies:`, ...mdTable(["", "Identity", "Policy"], rows, `${indent}  `));
  }
  if (r.securityGroupRules) {
    const rows = r.securityGroupRules.map((g) => [sign(g.change), code(g.group), g.direction === "in" ? "In" : "Out", code(g.protocol), code(g.peer)]);
    out.push(`${indent}- Security group rules:`, ...mdTable(["", "Group", "Dir", "Protocol", "Peer"], rows, `${indent}  `));
  }
  return out;
}

function change(report: DiffReport, c: Change, detail: Detail): string[] {
  const subject = c.resource ? `**${text(c.resource.logicalId)}** ${code(c.resource.type)}` : `**${text(c.subject)}**`;
  const out = [`- ${subject} ${c.action}: ${text(c.reason)}`];
  if (detail !== "none") for (const d of c.details ?? []) out.push(`  - ${text(d)}`);
  if (c.resource) out.push(...resource(c.resource, detail, "  "));
  for (const x of c.causes) out.push(`  - ${cause(report, x)}`);
  return out;
}

function section(report: DiffReport, cls: ChangeClass, detail: Detail): string[] {
  const list = changesOf(report, cls);
  if (list.length === 0) return [];
  const open = cls === "safe" ? "" : " open";
  const app = list.filter((c) => c.source === "graph");
  const resources = list.filter((c) => c.source === "template");
  return [
    "",
    `<details${open}><summary>${ICONS[cls]} <b>${TITLES[cls]} (${list.length})</b>: ${html(breakdown(list))}</summary>`,
    "",
    ...app.flatMap((c) => change(report, c, detail)),
    ...(app.length > 0 && resources.length > 0 ? [""] : []),
    ...(resources.length > 0 ? ["**CloudFormation resources**", "", ...resources.flatMap((c) => change(report, c, detail))] : []),
    "",
    "</details>",
  ];
}

function diagnostic(report: DiffReport, d: Diagnostic, side: Cause["side"]): string[] {
  const at = d.location ? ` at ${where(report.links, side, d.location)}` : "";
  return [`- **${d.code}**${at}: ${text(d.message)}`, ...(d.hint ? [`  - ${text(d.hint)}`] : [])];
}

function warnings(report: DiffReport): { open: string[]; folded: string[] } {
  const w = report.warnings;
  const open =
    w.added.length === 0
      ? []
      : [
          "",
          `<details open><summary>⚠️ <b>${w.added.length} ${w.baseKnown ? "new " : ""}analysis warning${w.added.length === 1 ? "" : "s"}</b>: what iac assumed where it could not follow the code</summary>`,
          "",
          ...w.added.flatMap((d) => diagnostic(report, d, "head")),
          ...(w.baseKnown ? [] : ["", "_The base is a graph.json or a cloud assembly, which carry no warnings: these are all of the head's._"]),
          "",
          "</details>",
        ];
  const folded =
    w.unchanged.length + w.resolved.length === 0
      ? []
      : [
          "",
          `<details><summary>⚠️ ${[w.unchanged.length > 0 ? `${w.unchanged.length} warning${w.unchanged.length === 1 ? "" : "s"} the base has too` : "", w.resolved.length > 0 ? `${w.resolved.length} resolved` : ""].filter(Boolean).join(" · ")}</summary>`,
          "",
          ...w.unchanged.flatMap((d) => diagnostic(report, d, "head")),
          ...(w.resolved.length > 0 ? ["", "Resolved:", "", ...w.resolved.flatMap((d) => diagnostic(report, d, "base"))] : []),
          "",
          "</details>",
        ];
  return { open, folded };
}

function sideName(report: DiffReport, side: "base" | "head"): string {
  const info = report[side];
  return `${code(info.spec)}${info.commit ? ` (${code(info.commit.slice(0, 7))})` : ""}`;
}

function headline(report: DiffReport): string {
  const span = `(${sideName(report, "base")} → ${sideName(report, "head")}, stage ${code(report.stage)})`;
  const warned = warningCount(report);
  if (report.summary.total === 0) return `**iac diff**: no infrastructure changes${warned ? ` · ⚠️ ${warned}` : ""} ${span}`;
  const counts = ORDER.map((k) => (report.summary[k] > 0 ? `${ICONS[k]} ${report.summary[k]} ${k}` : `0 ${k}`));
  return `**iac diff**: ${[...counts, ...(warned ? [`⚠️ ${warned}`] : [])].join(" · ")} ${span}`;
}

function failed(report: DiffReport): string[] {
  const errors = report.diagnostics.filter((d) => d.severity === "error");
  return [
    `**iac diff**: ❌ the diff could not be made (${sideName(report, "base")} → ${sideName(report, "head")}, stage ${code(report.stage)})`,
    "",
    ...errors.flatMap((d) => diagnostic(report, d, "head")),
  ];
}

function render(report: DiffReport, budget: Budget, trimmed: boolean): string {
  const out: string[] = [];
  if (!report.ok) out.push(...failed(report));
  else {
    const w = warnings(report);
    out.push(
      headline(report),
      ...section(report, "destructive", budget.destructive),
      ...section(report, "permissions", budget.permissions),
      ...w.open,
      ...section(report, "safe", budget.safe),
      ...w.folded,
    );
    if (!report.templateCompared) out.push("", "_Templates were not compared (one side is a bare graph.json)._");
    if (trimmed) out.push("", "_Some resource details are left out to fit in a comment: `iac diff --format text` prints them all._");
  }
  out.push("", MARKDOWN_MARKER);
  // Sections and tables each pad themselves with blank lines; one is enough (JSON diff lines are never blank).
  return out.join("\n").replace(/\n{3,}/g, "\n\n") + "\n";
}

export function renderMarkdown(report: DiffReport): string {
  let md = "";
  for (const [i, budget] of BUDGETS.entries()) {
    md = render(report, budget, i > 0);
    if (md.length <= MARKDOWN_LIMIT) return md;
  }
  return md;
}
