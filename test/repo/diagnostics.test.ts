/**
 * One catalogue of diagnostic codes per area (`<AREA>_CODES` objects in
 * src/), each code declared once, every code src/ raises declared, and
 * docs/diagnostics.md generated from them (scripts/diagnostics-doc.js).
 */
import * as fs from "fs";
import * as path from "path";

const { catalogues, render, DOC } = require("../../scripts/diagnostics-doc.js") as {
  catalogues(): { name: string; file: string; entries: { key: string; code: string; description: string }[] }[];
  render(list: unknown): string;
  DOC: string;
};

const ROOT = path.resolve(__dirname, "..", "..");
const list = catalogues();

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) sourceFiles(full, out);
    else if (e.name.endsWith(".ts")) out.push(full);
  }
  return out;
}

test("every code is declared once, with a description", () => {
  const seen = new Map<string, string>();
  const twice: string[] = [];
  for (const cat of list) {
    for (const e of cat.entries) {
      if (seen.has(e.code)) twice.push(`${e.code}: ${seen.get(e.code)} and ${cat.name}.${e.key}`);
      seen.set(e.code, `${cat.name}.${e.key}`);
      expect(`${e.code} ${e.description}`).toMatch(/^IAC\d{4} \S/);
    }
  }
  expect(twice).toEqual([]);
  expect(seen.size).toBeGreaterThan(80);
});

test("every code written in src/ is in a catalogue", () => {
  const declared = new Set(list.flatMap((c) => c.entries.map((e) => e.code)));
  const undeclared: string[] = [];
  for (const file of sourceFiles(path.join(ROOT, "src"))) {
    fs.readFileSync(file, "utf8")
      .split("\n")
      .forEach((line, i) => {
        for (const m of line.matchAll(/"(IAC\d{4})"/g)) if (!declared.has(m[1])) undeclared.push(`${path.relative(ROOT, file)}:${i + 1} ${m[1]}`);
      });
  }
  expect(undeclared).toEqual([]);
});

test("docs/diagnostics.md is generated from the catalogues (node scripts/diagnostics-doc.js)", () => {
  expect(fs.readFileSync(DOC, "utf8")).toBe(render(list));
});
