/** Levenshtein distance, for "did you mean" hints across phases. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}

/**
 * The candidate nearest to `word` (ignoring case) within `max` edits, if
 * any: the "did you mean". By default a third of the word, at least 2.
 */
export function nearestWord(word: string, candidates: readonly string[], max = Math.max(2, Math.floor(word.length / 3))): string | undefined {
  let best: { name: string; d: number } | undefined;
  for (const name of candidates) {
    const d = editDistance(word.toLowerCase(), name.toLowerCase());
    if (d <= max && (!best || d < best.d)) best = { name, d };
  }
  return best?.name;
}
