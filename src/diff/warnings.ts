/**
 * The analysis warnings a reviewer must see: what iac assumed because it
 * could not follow the code (IAC6101, IAC6102, a computed label, event or
 * param name, ...), each an assumption that grants more than the code may
 * need. The head's are compared with the base's, so the comment can say
 * which ones the change brings in.
 *
 * Matched by code, file and message, never by line or column: code above a
 * warning moving does not make it new.
 */
import { sortDiagnostics } from "../graph";
import type { Diagnostic } from "../graph";
import type { DiffWarnings } from "./types";

function key(d: Diagnostic): string {
  return `${d.code}\u0000${d.location?.file ?? ""}\u0000${d.message}`;
}

function shown(list: readonly Diagnostic[]): Diagnostic[] {
  return sortDiagnostics(list.filter((d) => d.severity !== "info"));
}

/** `base` undefined: the base's diagnostics are unknown, and every warning of the head counts as added. */
export function compareWarnings(base: readonly Diagnostic[] | undefined, head: readonly Diagnostic[]): DiffWarnings {
  const h = shown(head);
  if (base === undefined) return { added: h, unchanged: [], resolved: [], baseKnown: false };
  const b = shown(base);
  // Counted, so that a second copy of a warning in the head is still new.
  const remaining = new Map<string, number>();
  for (const d of b) remaining.set(key(d), (remaining.get(key(d)) ?? 0) + 1);
  const added: Diagnostic[] = [];
  const unchanged: Diagnostic[] = [];
  for (const d of h) {
    const n = remaining.get(key(d)) ?? 0;
    if (n > 0) {
      remaining.set(key(d), n - 1);
      unchanged.push(d);
    } else added.push(d);
  }
  const headKeys = new Set(h.map(key));
  const resolved = b.filter((d) => !headKeys.has(key(d)));
  return { added, unchanged, resolved, baseKnown: true };
}
