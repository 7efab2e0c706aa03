/**
 * Apps in temporary folders, removed when the test file is done: a copy of a
 * folder of the repository (an example, a template, a test app) without its
 * build state, or an app written from a table of files. Import it at the top
 * of a test file: the import registers the clean-up (jest's `afterAll`).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const REPO = path.resolve(__dirname, "..", "..");

export interface TempApp {
  /** The app's folder, `<root>/<name>`: named as its source, so app names derived from the folder stay the same. */
  dir: string;
  /** The temporary folder holding it, for files beside the app (shared code, output). */
  root: string;
}

const made: string[] = [];

if (typeof afterAll === "function") {
  afterAll(() => {
    for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });
}

/** Build state and installs are never copied: every copy starts cold. */
const LEFT_OUT = new Set([".iac", "cdk.out", "node_modules"]);

/** A new temporary folder, removed after the test file. */
export function tempDir(prefix = "iac-test-"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** A copy of `source` (relative to the repository, or absolute). */
export function copyTempApp(source: string, name = path.basename(source)): TempApp {
  const root = tempDir("iac-app-");
  const dir = path.join(root, name);
  const from = path.resolve(REPO, source);
  fs.cpSync(from, dir, {
    recursive: true,
    filter: (src) =>
      !path
        .relative(from, src)
        .split(path.sep)
        .some((part) => LEFT_OUT.has(part)),
  });
  return { dir, root };
}

/** An app written from `files` (path → content). */
export function writeTempApp(files: Record<string, string>, name = "app"): TempApp {
  const root = tempDir("iac-app-");
  const dir = path.join(root, name);
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  fs.mkdirSync(dir, { recursive: true });
  return { dir, root };
}
