/**
 * Inputs that crashed or hung the analyzer are located diagnostics with exit
 * 1, never a stack trace (exit 2) or no answer: code nested past what the
 * walkers recurse through, a loop of symbolic links, a FIFO as the entry,
 * and a `main` pointing into /proc (whose content must never be printed).
 * Spawned as users run `iac graph`, with a time limit, so a hang fails.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { runCli } from "../support/iac-cli";
import { cleanup, writeApp } from "./helpers";

afterAll(cleanup);

function graph(dir: string): {
  status: number | null;
  stdout: string;
  stderr: string;
  json: { diagnostics: { code: string; severity: string; message: string; location?: { line: number } }[] };
} {
  // A timeout (the analyzer hung) throws.
  const r = runCli(["graph", dir, "--format", "json"], { timeoutMs: 30_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, json: JSON.parse(r.stdout) };
}

test.each([
  ["5,000 terms of a + chain", `const x = ${Array(5000).fill('"a"').join(" + ")};\n`],
  ["800 nested ifs", `export function f(q: unknown) {\n${"if (q) {\n".repeat(800)}return 1;\n${"}\n".repeat(800)}}\n`],
  ["2,000 chained .then()", `export const p = Promise.resolve(1)${".then((x) => x)".repeat(2000)};\n`],
])("%s: IAC8010 where the nesting passes the limit, exit 1, JSON still printed", (_name, body) => {
  const dir = writeApp({ "package.json": '{ "name": "deep" }\n', "index.ts": `import { api } from "iac";\napi.get("/x", (q, r) => r.send("x"));\n${body}` });
  const r = graph(dir);
  expect(r.status).toBe(1);
  expect(r.stderr).toBe("");
  expect(r.json.diagnostics.map((d) => d.code)).toEqual(["IAC8010"]);
  expect(r.json.diagnostics[0].location?.line).toBeGreaterThanOrEqual(3);
});

test("a module nested too deep behind an import: IAC8010 in that module, the import not reported twice", () => {
  const dir = writeApp({
    "package.json": '{ "name": "deep" }\n',
    "index.ts": 'import { x } from "./deep";\nvoid x;\n',
    "deep.ts": `export const x = ${Array(3000).fill("1").join(" + ")};\n`,
  });
  const r = graph(dir);
  expect(r.status).toBe(1);
  expect(r.json.diagnostics.map((d) => d.code)).toEqual(["IAC8010"]);
});

test("two modules that are symbolic links to each other: a located error, not ELOOP", () => {
  const dir = writeApp({ "package.json": '{ "name": "loop" }\n', "index.ts": 'import "./a";\n' });
  fs.symlinkSync("b.ts", path.join(dir, "a.ts"));
  fs.symlinkSync("a.ts", path.join(dir, "b.ts"));
  const r = graph(dir);
  expect(r.status).toBe(1);
  expect(r.json.diagnostics).toEqual([
    expect.objectContaining({ code: "IAC8007", severity: "error", location: expect.objectContaining({ line: 1, column: 8 }) }),
  ]);
});

test("a FIFO as the entry: read nothing, say so, no hang", () => {
  const dir = writeApp({ "package.json": '{ "name": "fifo" }\n' });
  const made = spawnSync("mkfifo", [path.join(dir, "index.ts")]);
  if (made.status !== 0) throw new Error(`mkfifo failed: ${made.stderr}`);
  const r = graph(dir);
  expect(r.status).toBe(1);
  expect(r.json.diagnostics).toEqual([expect.objectContaining({ code: "IAC8001", message: "entry index.ts could not be read: it is not a regular file" })]);
});

test('"main": "/proc/self/environ": refused, and nothing of the file is printed', () => {
  const dir = writeApp({ "package.json": '{ "name": "outside", "main": "/proc/self/environ" }\n' });
  const r = graph(dir);
  expect(r.status).toBe(1);
  expect(r.json.diagnostics).toEqual([expect.objectContaining({ code: "IAC8001", severity: "error" })]);
  expect(r.json.diagnostics[0].message).toContain("it is not a source file");
  expect(r.stdout).not.toContain(process.env.PATH ?? "PATH=");
});
