/**
 * Assembles the report from two built sides and decides the exit code for
 * `--fail-on`. Pure: no building, no printing.
 */
import type { Diagnostic } from "../graph";
import { diffGraphs } from "./graph";
import { diffIdentity, identityChanged, leftBehind } from "./identity";
import { diffTemplates } from "./template";
import { CHANGE_CLASSES } from "./types";
import type { BuiltSide, Change, ChangeClass, DiffLinks, DiffReport, FailOn } from "./types";
import { compareWarnings } from "./warnings";

export function summarize(changes: readonly Change[]): DiffReport["summary"] {
  const summary = { safe: 0, permissions: 0, destructive: 0, total: changes.length };
  for (const c of changes) summary[c.class] += 1;
  return summary;
}

/**
 * Compares two built sides: graphs always, templates when both sides have
 * one, and the sides' own diagnostics (warnings). `diagnostics` are both
 * sides' build diagnostics as the CLI prints them.
 */
export function compareSides(
  base: BuiltSide,
  head: BuiltSide,
  stage: string,
  diagnostics: Diagnostic[] = head.diagnostics ?? [],
  links?: DiffLinks,
): DiffReport {
  const templateCompared = base.template !== undefined && head.template !== undefined;
  // A renamed app deploys a new stack: its template is not an update of the base's (identity.ts).
  const renamed = identityChanged(base.graph, head.graph);
  const templateChanges =
    !base.template || !head.template ? [] : renamed ? leftBehind(base.template, base.graph, head.graph, stage) : diffTemplates(base.template, head.template);
  const changes = [...diffIdentity(base.graph, head.graph, stage), ...diffGraphs(base.graph, head.graph), ...templateChanges];
  return {
    base: base.info,
    head: head.info,
    stage,
    changes,
    summary: summarize(changes),
    templateCompared,
    diagnostics,
    warnings: compareWarnings(base.diagnostics, head.diagnostics ?? []),
    ...(links ? { links } : {}),
    ok: !diagnostics.some((d) => d.severity === "error"),
  };
}

function rank(c: ChangeClass): number {
  return CHANGE_CLASSES.indexOf(c);
}

/** The strongest class present, or undefined when nothing changed. */
export function strongestClass(report: Pick<DiffReport, "changes">): ChangeClass | undefined {
  let best: ChangeClass | undefined;
  for (const c of report.changes) if (best === undefined || rank(c.class) > rank(best)) best = c.class;
  return best;
}

/**
 * `--fail-on` levels are ordered (safe < permissions < destructive): failing
 * on `permissions` also fails on a destructive change, and `any` fails on
 * every change.
 */
export function shouldFail(report: Pick<DiffReport, "changes">, failOn: FailOn): boolean {
  if (failOn === "none") return false;
  const strongest = strongestClass(report);
  if (strongest === undefined) return false;
  if (failOn === "any") return true;
  return rank(strongest) >= rank(failOn);
}

/** 0 nothing to fail on, 1 a change `--fail-on` asked to fail on (or a side failed to build). */
export function exitCodeFor(report: DiffReport, failOn: FailOn): 0 | 1 {
  if (!report.ok) return 1;
  return shouldFail(report, failOn) ? 1 : 0;
}
