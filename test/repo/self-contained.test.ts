/**
 * A clone of this repository is all a user or contributor has: nothing in it
 * (docs, examples, templates, source, benches, tests) may point at the
 * `shared/` folder that sits beside the repository on its authors' machines.
 */
import { execFileSync } from "child_process";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const OUTSIDE = /\.\.\/shared\/|\bshared\/(docs|peers)\//;

test("no tracked file refers to ../shared", () => {
  const files = execFileSync("git", ["ls-files", "-z"], { cwd: ROOT, encoding: "utf8" }).split("\0").filter(Boolean);
  const self = path.relative(ROOT, __filename);
  const offenders: string[] = [];
  for (const file of files) {
    if (file === self || /\.(png|jpg|gif|ico|zip|tgz)$/.test(file)) continue;
    const text = require("fs").readFileSync(path.join(ROOT, file), "utf8") as string;
    text.split("\n").forEach((line, i) => {
      if (OUTSIDE.test(line)) offenders.push(`${file}:${i + 1}: ${line.trim()}`);
    });
  }
  expect(offenders).toEqual([]);
});
