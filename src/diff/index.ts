/**
 * src/diff: what a change to the app does to its infrastructure.
 *
 * Inputs: a base and a head, each a git ref, an app directory, a cloud
 * assembly directory, a graph.json, or a graph (and template) in memory.
 * Output: a `DiffReport`: every change in the app's own terms (routes,
 * schedules, listeners, params, label indexes, storage, per-function
 * permissions) and in CloudFormation terms (resources added, removed,
 * modified, replaced), each classified safe / permissions / destructive with
 * a reason and the source locations that caused it.
 * Invariants: returns data, never prints or exits; a git ref is built in a
 * temporary worktree that is always removed; graphs are compared by ids and
 * content, never by source location.
 */
import * as path from "path";
import type { Diagnostic } from "../graph";
import { linksFor } from "./links";
import { compareSides } from "./report";
import { git, resolveSide } from "./sides";
import type { BuildFn, SideSpec } from "./sides";
import type { DiffReport } from "./types";
import { compareWarnings } from "./warnings";

export type { BuildFn, BuildOutcome, InMemorySide, SideSpec } from "./sides";
export { DIFF_CODES, assemblyTemplatePath } from "./sides";
export * from "./types";
export { compareSides, exitCodeFor, shouldFail, strongestClass, summarize } from "./report";
export { diffGraphs } from "./graph";
export { diffTemplates, classifyTemplateDiff } from "./template";
export { diffIdentity, identityChanged, leftBehind } from "./identity";
export { renderReport, renderText, renderMarkdown, renderJson, describeCause, MARKDOWN_LIMIT, MARKDOWN_MARKER } from "./render";
export type { DiffFormat, TextStyle } from "./render";
export { linkBaseFromEnv, linksFor, linkTo } from "./links";
export { compareWarnings } from "./warnings";

export interface DiffOptions {
  /** Stage both sides are built for (stack `<app>-<stage>`). Default `prod`: a diff usually asks what the long-lived stage would get. */
  stage?: string;
  /** Where relative paths and git refs are resolved. Default: the head directory when head is one, else `process.cwd()`. */
  cwd?: string;
  /** Builds an app directory: the library's `build` (src/compiler.ts passes it). */
  build: BuildFn;
  /**
   * The repository's files at the head commit as a URL
   * (`https://github.com/o/r/blob/<sha>`): source locations in the report
   * become links (`report.links`). `linkBaseFromEnv` reads it from CI.
   */
  linkBase?: string;
}

export const DEFAULT_DIFF_STAGE = "prod";

/** The app folder's path in its git repository (empty at the root, or outside git). */
async function pathInRepository(appDir: string): Promise<string> {
  return git(appDir, ["rev-parse", "--show-prefix"]).then(
    (p) => p.replace(/\/$/, ""),
    () => "",
  );
}

function tagged(diagnostics: Diagnostic[], side: "base" | "head"): Diagnostic[] {
  return side === "head" ? diagnostics : diagnostics.map((d) => ({ ...d, message: `(base) ${d.message}` }));
}

/**
 * Compares `base` with `head`.
 *
 * @example
 *   const report = await diff("origin/main", ".", { stage: "prod", build });
 *   if (shouldFail(report, "destructive")) process.exitCode = 1;
 */
export async function diff(base: SideSpec, head: SideSpec, options: DiffOptions): Promise<DiffReport> {
  const stage = options.stage ?? DEFAULT_DIFF_STAGE;
  const cwd = options.cwd ?? process.cwd();
  const appDir = typeof head === "string" ? path.resolve(cwd, head) : cwd;
  const ctx = { stage, build: options.build, appDir, cwd };
  // Head first: when it fails to build there is no point building the base.
  const h = await resolveSide(head, ctx);
  const b = h.ok ? await resolveSide(base, ctx) : undefined;
  const diagnostics = [...tagged(b?.diagnostics ?? [], "base"), ...tagged(h.diagnostics, "head")];
  if (!h.ok || !b || !b.ok) {
    const info = (spec: SideSpec) => ({ spec: typeof spec === "string" ? spec : (spec.label ?? "(in memory)"), kind: "in-memory" as const });
    return {
      base: info(base),
      head: info(head),
      stage,
      changes: [],
      summary: { safe: 0, permissions: 0, destructive: 0, total: 0 },
      templateCompared: false,
      diagnostics,
      warnings: compareWarnings(b?.diagnostics, h.diagnostics),
      ok: false,
    };
  }
  const links = options.linkBase ? linksFor(options.linkBase, await pathInRepository(appDir), b.side.info) : undefined;
  return compareSides(b.side, h.side, stage, diagnostics, links);
}
