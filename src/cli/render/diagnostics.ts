/**
 * Renders diagnostics for people (`file:line:col severity CODE message`, a
 * code frame, the hint, related locations) or as JSON for CI and editors.
 * Rendering happens only here, at the edge; the library returns data.
 */
import * as path from "path";
import { readAppFile } from "../../compiler";
import type { Diagnostic, SourceLocation } from "../../compiler";
import type { Style } from "./style";

function formatLocation(loc: SourceLocation | undefined): string {
  return loc ? `${loc.file}:${loc.line}:${loc.column}` : "";
}

/** Reads files once per render; a missing or unsafe file simply gets no frame. */
class SourceCache {
  private readonly files = new Map<string, string[] | undefined>();
  constructor(private readonly root: string) {}

  lines(file: string): string[] | undefined {
    if (!this.files.has(file)) {
      // Read as the analyzer reads: a FIFO, a device, /proc or a huge file named in a diagnostic gets no frame.
      const read = readAppFile(path.resolve(this.root, file), this.root, { outside: true });
      this.files.set(file, read.ok ? read.text.split(/\r?\n/) : undefined);
    }
    return this.files.get(file);
  }
}

function codeFrame(lines: string[], loc: SourceLocation, style: Style): string[] {
  const first = Math.max(1, loc.line - 1);
  const last = Math.min(lines.length, loc.line + 1);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const marker = n === loc.line ? ">" : " ";
    const text = (lines[n - 1] ?? "").replace(/\t/g, "  ");
    out.push(`${marker} ${String(n).padStart(width)} | ${text}`);
    if (n === loc.line) {
      const prefix = (lines[n - 1] ?? "")
        .slice(0, loc.column - 1)
        .replace(/[^\t]/g, " ")
        .replace(/\t/g, "  ");
      out.push(`  ${" ".repeat(width)} | ${prefix}${style.red("^")}`);
    }
  }
  return out;
}

/** A diagnostic's first line, `file:line:col severity CODE message`; alone where its code has since changed (iac dev's `fixed:` lines), so a frame would show other code. */
export function diagnosticLine(d: Diagnostic, style: Style): string {
  const sev = d.severity === "error" ? style.red("error") : d.severity === "warning" ? style.yellow("warning") : style.cyan("info");
  const where = d.location ? `${style.bold(formatLocation(d.location))} ` : "";
  return `${where}${sev} ${style.dim(d.code)} ${d.message}`;
}

export function renderDiagnostic(d: Diagnostic, root: string, style: Style, cache = new SourceCache(root)): string {
  const out = [diagnosticLine(d, style)];
  const lines = d.location ? cache.lines(d.location.file) : undefined;
  if (d.location && lines) out.push(...codeFrame(lines, d.location, style));
  if (d.hint) out.push(`  ${style.cyan("hint:")} ${d.hint}`);
  for (const r of d.related ?? []) out.push(`  ${style.dim("related:")} ${formatLocation(r.location)} ${r.message}`);
  return out.join("\n");
}

/** Each diagnostic with its frame, then the count of errors and warnings (unless `counts` is false). */
export function renderDiagnostics(diagnostics: readonly Diagnostic[], root: string, style: Style, counts = true): string {
  const cache = new SourceCache(root);
  const blocks = diagnostics.map((d) => renderDiagnostic(d, root, style, cache));
  if (!counts) return blocks.join("\n\n");
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.filter((d) => d.severity === "warning").length;
  if (errors + warnings > 0) blocks.push(`${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}`);
  return blocks.join("\n\n");
}
