/**
 * The link between docs/sdk.md and the suite: a statement of the contract
 * is a list item that starts with its id in brackets (`- [data.set.returns]
 * ...`); anywhere else, `[data.set.returns]` is a reference to one.
 */

const ID = "[a-z][a-z0-9-]*(?:\\.[a-z0-9-]+)+";

/** Ids the page defines, in order (with duplicates, which `problems` reports). */
export function definedIds(markdown: string): string[] {
  return [...markdown.matchAll(new RegExp(`^\\s*[-*] \\[(${ID})\\]`, "gm"))].map((m) => m[1]);
}

/** Every `[id]` on the page, definitions included. */
export function mentionedIds(markdown: string): string[] {
  return [...markdown.matchAll(new RegExp(`\\[(${ID})\\]`, "g"))].map((m) => m[1]);
}

/**
 * What is wrong between the page and the tests: statements without a test,
 * tests (or references) naming an id the page does not define, ids
 * defined or tested twice.
 */
export function problems(markdown: string, tested: readonly string[], cited: readonly { file: string; id: string }[] = []): string[] {
  const defined = definedIds(markdown);
  const known = new Set(defined);
  const out: string[] = [];
  const twice = (ids: readonly string[]) => [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
  for (const id of twice(defined)) out.push(`${id} is defined more than once`);
  for (const id of twice(tested)) out.push(`${id} has more than one statement in the suite`);
  const testedSet = new Set(tested);
  for (const id of defined) if (!testedSet.has(id)) out.push(`${id} has no conformance test`);
  for (const id of tested) if (!known.has(id)) out.push(`a test checks ${id}, which docs/sdk.md does not define`);
  for (const id of mentionedIds(markdown)) if (!known.has(id)) out.push(`docs/sdk.md refers to [${id}], which it does not define`);
  for (const { file, id } of cited) if (!known.has(id)) out.push(`${file} cites [${id}], which docs/sdk.md does not define`);
  return [...new Set(out)];
}
