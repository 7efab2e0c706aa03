/**
 * docs/sdk.md and the conformance suite stay one: every statement the page
 * defines has a test (a `Statement` in statements/, run on every path), and
 * no test names an id the page lacks. A statement added to the page without
 * its test fails here.
 */
import * as fs from "fs";
import * as path from "path";
import { AREAS } from "./statements";
import { PATHS } from "./statements/types";
import { definedIds, mentionedIds, problems } from "./support/ids";

const DOC = path.resolve(__dirname, "..", "..", "docs", "sdk.md");
const markdown = fs.readFileSync(DOC, "utf8");
const statements = AREAS.flatMap((area) => area.statements);

/** `[id]`s in the names of this folder's other test files' tests (lambda-bundle.test.ts cites the statements it checks). */
function citedByTestFiles(): { file: string; id: string }[] {
  const cited: { file: string; id: string }[] = [];
  for (const file of fs.readdirSync(__dirname)) {
    if (!file.endsWith(".test.ts") || file === path.basename(__filename)) continue;
    const text = fs.readFileSync(path.join(__dirname, file), "utf8");
    for (const name of text.matchAll(/\btest(?:\.\w+)?\(\s*"([^"]*)"/g)) for (const id of mentionedIds(name[1])) cited.push({ file, id });
  }
  return cited;
}

test("every statement of docs/sdk.md has a conformance test, and every test a statement", () => {
  expect(definedIds(markdown).length).toBeGreaterThan(50);
  expect(
    problems(
      markdown,
      statements.map((s) => s.id),
      citedByTestFiles(),
    ),
  ).toEqual([]);
});

test("a statement runs on every path, or says why not; a known deviation says where its fix belongs", () => {
  const wrong: string[] = [];
  for (const s of statements) {
    for (const [name, reason] of Object.entries(s.skip ?? {})) {
      if (!PATHS.includes(name as never)) wrong.push(`${s.id}: unknown path ${name}`);
      if (typeof reason !== "string" || reason.trim().length < 20) wrong.push(`${s.id}: skipped on ${name} without a reason`);
    }
    if (Object.keys(s.skip ?? {}).length === PATHS.length) wrong.push(`${s.id}: skipped on every path`);
    if (s.deviation !== undefined && s.deviation.trim().length < 20) wrong.push(`${s.id}: a deviation without its description`);
    if (s.deviation !== undefined && !markdown.includes("Known deviation")) wrong.push(`${s.id}: docs/sdk.md does not mention the known deviation`);
  }
  expect(wrong).toEqual([]);
});

test("the check catches a statement without a test, a test without a statement, and a reference to nothing", () => {
  const page = ["- [data.set.returns] set answers the value.", "- [data.brand.new] a statement added without its test.", "See [data.nowhere]."].join("\n");
  expect(problems(page, ["data.set.returns", "data.made.up"], [{ file: "x.test.ts", id: "data.also.made.up" }])).toEqual([
    "data.brand.new has no conformance test",
    "a test checks data.made.up, which docs/sdk.md does not define",
    "docs/sdk.md refers to [data.nowhere], which it does not define",
    "x.test.ts cites [data.also.made.up], which docs/sdk.md does not define",
  ]);
  expect(problems("- [a.b] one\n- [a.b] again", ["a.b", "a.b"])).toEqual(["a.b is defined more than once", "a.b has more than one statement in the suite"]);
});
