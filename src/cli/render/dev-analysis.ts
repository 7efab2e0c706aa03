/**
 * `iac dev`'s analysis reports for the terminal. The first analysis of a
 * session prints every diagnostic as `iac build` prints them; later ones
 * print only what changed: new diagnostics (with their frames), a `fixed:`
 * line per diagnostic that went away, an `infrastructure:` line per change
 * the next deploy would make, and whether `iac build` would now fail or
 * pass. An analysis that changed nothing prints nothing.
 */
import { mayFix } from "../../compiler";
import type { AnalysisReport } from "../../compiler";
import { diagnosticLine, renderDiagnostics } from "./diagnostics";
import type { Style } from "./style";

export interface RenderedAnalysis {
  /** Diagnostics with code frames, for stderr (where every command prints them). */
  diagnostics?: string;
  /** Plain lines, for stdout. */
  lines: string[];
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** `iac fix` applies what these diagnostics know (src/fix/kinds.ts; no ts-morph is loaded to tell). */
function fixNotice(shown: readonly AnalysisReport["appeared"][number][], style: Style): string | undefined {
  const n = shown.filter(mayFix).length;
  return n === 0
    ? undefined
    : style.green(`${plural(n, "problem")} above ${n === 1 ? "has a fix" : "have fixes"}: run \`iac fix\` to apply (\`iac fix --dry-run\` shows the diff)`);
}

function verdict(report: AnalysisReport, style: Style): string {
  const counts = `${plural(report.errors, "error")}, ${plural(report.warnings, "warning")}`;
  return report.errors > 0
    ? style.red(`analysis: ${counts}: \`iac build\` would fail (iac dev keeps serving; infrastructure changes are compared again once the errors are fixed)`)
    : `analysis: ${counts}: \`iac build\` would accept the app`;
}

/** `style` colours the lines, `errStyle` the diagnostics (stdout and stderr may differ in being terminals). */
export function renderAnalysis(report: AnalysisReport, root: string, style: Style, errStyle: Style = style): RenderedAnalysis {
  const lines: string[] = [];
  const diagnostics = report.appeared.length > 0 ? renderDiagnostics(report.appeared, root, errStyle, report.run === 1) : undefined;
  if (report.run === 1) {
    const summary = `analysis: ${report.inventory ?? "done"} (${report.ms.toFixed(0)} ms)`;
    lines.push(report.diagnostics.length === 0 ? `${summary}, no problems` : summary);
    if (report.errors > 0) lines.push(verdict(report, style));
    const notice = fixNotice(report.appeared, style);
    if (notice) lines.push(notice);
    return { diagnostics, lines };
  }
  for (const d of report.fixed) lines.push(`${style.green("fixed:")} ${diagnosticLine(d, style)}`);
  for (const c of report.changes) {
    const paint = c.class === "destructive" ? style.red : c.class === "permissions" ? style.yellow : (s: string) => s;
    lines.push(paint(`infrastructure: ${c.line}`));
  }
  const errorsChanged = [...report.appeared, ...report.fixed].some((d) => d.severity === "error");
  if (report.appeared.length > 0 || errorsChanged) lines.push(verdict(report, style));
  const notice = fixNotice(report.appeared, style);
  if (notice) lines.push(notice);
  return { diagnostics, lines };
}
