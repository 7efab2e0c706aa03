/**
 * Golden files: each fixture pair's report as text, markdown and JSON,
 * compared byte for byte with test/diff/golden/<case>.{txt,md,json}. The
 * markdown files are what a pull request's comment says; review them as
 * such. After an intended change: `UPDATE_GOLDEN=1 npx jest test/diff/golden`
 * (outside CI a missing file is written, as Jest writes a new snapshot).
 */
import * as fs from "fs";
import * as path from "path";
import { renderJson, renderMarkdown, renderText } from "../../src/diff";
import { CASES } from "./fixtures";
import { goldenReport } from "./golden-report";

const GOLDEN = path.join(__dirname, "golden");
const update = process.env.UPDATE_GOLDEN === "1";
const inCI = process.env.CI !== undefined && process.env.CI !== "" && process.env.CI !== "false";

function expectGolden(file: string, actual: string): void {
  const full = path.join(GOLDEN, file);
  if (update || (!fs.existsSync(full) && !inCI)) {
    fs.mkdirSync(GOLDEN, { recursive: true });
    fs.writeFileSync(full, actual);
    return;
  }
  expect(fs.existsSync(full) ? actual : `(no golden file ${file}; run with UPDATE_GOLDEN=1)`).toBe(fs.readFileSync(full, "utf8"));
}

describe.each(CASES)("%s", (name) => {
  const report = goldenReport(name);
  test("text", () => expectGolden(`${name}.txt`, renderText(report)));
  test("markdown", () => expectGolden(`${name}.md`, renderMarkdown(report)));
  test("json", () => expectGolden(`${name}.json`, renderJson(report)));
});

test("no golden file is left without its case", () => {
  const cases = new Set<string>(CASES);
  expect(fs.readdirSync(GOLDEN).filter((f) => !cases.has(f.replace(/\.(txt|md|json)$/, "")))).toEqual([]);
});
