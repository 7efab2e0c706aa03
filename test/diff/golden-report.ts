// A fixture pair's report as CI makes it: the base a git ref, the head
// checked out at a commit, the app in a folder of its repository, so that
// locations on both sides are links.
import { compareSides, linksFor } from "../../src/diff";
import type { DiffReport, DiffSideInfo } from "../../src/diff";
import { baseSide, headSide } from "./fixtures";
import type { CaseName } from "./fixtures";

export const BASE_COMMIT = "0123456789abcdef0123456789abcdef01234567";
export const HEAD_COMMIT = "89abcdef0123456789abcdef0123456789abcdef";
export const LINK_BASE = `https://github.com/acme/shop/blob/${HEAD_COMMIT}`;

export function goldenReport(name: CaseName): DiffReport {
  const b = baseSide(name);
  const h = headSide(name);
  const baseInfo: DiffSideInfo = { spec: "origin/main", kind: "git-ref", commit: BASE_COMMIT };
  return compareSides(
    { info: baseInfo, graph: b.graph, template: b.template, diagnostics: b.diagnostics },
    { info: { spec: name, kind: "in-memory" }, graph: h.graph, template: h.template, diagnostics: h.diagnostics },
    "prod",
    undefined,
    linksFor(LINK_BASE, "apps/todo", baseInfo),
  );
}
