/**
 * Renders a diff report as text for a terminal (render-text.ts), markdown
 * for a pull-request comment (render-markdown.ts), or JSON for tools.
 * Returns strings; the CLI prints them. Pure string work: loading this
 * module never loads the diff engines (the library re-exports it).
 */
import { renderMarkdown } from "./render-markdown";
import { renderText } from "./render-text";
import type { TextStyle } from "./render-text";
import type { DiffReport } from "./types";

export { describeCause } from "./render-common";
export { MARKDOWN_LIMIT, MARKDOWN_MARKER, renderMarkdown } from "./render-markdown";
export { renderText } from "./render-text";
export type { TextStyle } from "./render-text";

export type DiffFormat = "text" | "markdown" | "json";

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
