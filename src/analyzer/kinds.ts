/** Sets of syntax kinds as tables indexed by kind: one array read per node on the analyzer's per-node paths. */
import ts = require("typescript");

const { SyntaxKind } = ts;

export function kindTable(kinds: readonly ts.SyntaxKind[]): Uint8Array {
  const table = new Uint8Array(SyntaxKind.Count);
  for (const kind of kinds) table[kind] = 1;
  return table;
}
