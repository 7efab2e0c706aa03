/**
 * A unified diff of two versions of a file (`iac fix --dry-run`), in the
 * format `git diff` and `patch -p1` read: `--- a/<file>`, `+++ b/<file>`,
 * hunks with three lines of context. Lines are matched by a longest common
 * subsequence, which is plenty for the few lines a fix changes.
 */

const CONTEXT = 3;

type Op = { kind: " " | "-" | "+"; text: string };

export function unifiedDiff(file: string, before: string, after: string): string {
  if (before === after) return "";
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = diffLines(a, b);
  const changes = ops.flatMap((o, k) => (o.kind === " " ? [] : [k]));
  // Changes closer than twice the context share a hunk.
  const groups: number[][] = [];
  for (const k of changes) {
    const last = groups[groups.length - 1];
    if (last && k - last[last.length - 1] <= CONTEXT * 2) last.push(k);
    else groups.push([k]);
  }
  const hunks: string[] = [];
  for (const g of groups) {
    const start = Math.max(0, g[0] - CONTEXT);
    const end = Math.min(ops.length, g[g.length - 1] + CONTEXT + 1);
    const [aStart, bStart] = linesBefore(ops, start);
    const slice = ops.slice(start, end);
    const aLen = slice.filter((o) => o.kind !== "+").length;
    const bLen = slice.filter((o) => o.kind !== "-").length;
    hunks.push(`@@ -${range(aStart, aLen)} +${range(bStart, bLen)} @@`);
    for (const o of slice) hunks.push(`${o.kind}${o.text}`);
  }
  return [`--- a/${file}`, `+++ b/${file}`, ...hunks, ""].join("\n");
}

function range(start: number, length: number): string {
  // Unified diff counts lines from 1; an empty range names the line before it.
  return `${length === 0 ? start : start + 1},${length}`;
}

function linesBefore(ops: Op[], index: number): [number, number] {
  let a = 0;
  let b = 0;
  for (const o of ops.slice(0, index)) {
    if (o.kind !== "+") a++;
    if (o.kind !== "-") b++;
  }
  return [a, b];
}

function splitLines(text: string): string[] {
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** Longest common subsequence, trimmed of the common head and tail first. */
function diffLines(a: string[], b: string[]): Op[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const am = a.slice(head, a.length - tail);
  const bm = b.slice(head, b.length - tail);
  const lcs: number[][] = Array.from({ length: am.length + 1 }, () => new Array<number>(bm.length + 1).fill(0));
  for (let i = am.length - 1; i >= 0; i--) {
    for (let j = bm.length - 1; j >= 0; j--) lcs[i][j] = am[i] === bm[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  }
  const middle: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < am.length || j < bm.length) {
    if (i < am.length && j < bm.length && am[i] === bm[j]) {
      middle.push({ kind: " ", text: am[i++] });
      j++;
    } else if (i < am.length && (j >= bm.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
      middle.push({ kind: "-", text: am[i++] });
    } else {
      middle.push({ kind: "+", text: bm[j++] });
    }
  }
  return [...a.slice(0, head).map((text): Op => ({ kind: " ", text })), ...middle, ...a.slice(a.length - tail).map((text): Op => ({ kind: " ", text }))];
}
