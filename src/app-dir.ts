/**
 * Where an app is and where its cloud assembly goes, checked before any
 * phase runs: a missing app folder and an unwritable `--out` are the user's
 * mistakes, said plainly as diagnostics (IAC8001, IAC8201). A leaf module:
 * the library (src/compiler.ts), eject and fix all check with it.
 */
import * as fs from "fs";
import * as path from "path";
import type { Diagnostic } from "./graph";

/** An app directory that does not exist or is not a directory: the user's mistake, said plainly. */
export function appDirProblem(appDir: string): Diagnostic | undefined {
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(appDir);
  } catch {
    stat = undefined;
  }
  if (stat?.isDirectory()) return undefined;
  return {
    code: "IAC8001",
    severity: "error",
    message: stat ? `${appDir} is not a directory` : `app directory ${appDir} does not exist`,
    hint: "give the folder that holds the app's package.json (or run iac inside it)",
  };
}

/**
 * Whether the cloud assembly folder can be made, or why not. Each missing
 * folder is made one at a time below the nearest one that exists, because
 * Node's `mkdirSync(dir, { recursive: true })`, which aws-cdk-lib calls, never
 * returns for some paths it cannot create (`/proc/nope` spins a core forever).
 */
export function outDirProblem(outDir: string): Diagnostic | undefined {
  const missing: string[] = [];
  let dir = outDir;
  for (;;) {
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(dir);
    } catch {
      stat = undefined;
    }
    if (stat) {
      if (stat.isDirectory()) break;
      return outDirError(outDir, `${dir} is not a directory`);
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    missing.unshift(dir);
    dir = parent;
  }
  // The folders made here only prove they can be made: they go again before returning, so a build
  // that fails later (the app's errors) has written nothing; synthesis makes them for real.
  const made: string[] = [];
  const undo = (): void => {
    for (const folder of made.reverse()) fs.rmSync(folder, { recursive: true, force: true });
  };
  for (const folder of missing) {
    try {
      fs.mkdirSync(folder);
      made.push(folder);
    } catch (error) {
      const code = typeof error === "object" && error !== null ? Reflect.get(error, "code") : undefined;
      if (code === "EEXIST" && fs.statSync(folder).isDirectory()) continue;
      undo();
      return outDirError(outDir, `cannot create ${folder} (${typeof code === "string" ? code : String(error)})`);
    }
  }
  try {
    fs.accessSync(outDir, fs.constants.W_OK);
  } catch {
    undo();
    return outDirError(outDir, `${outDir} is not writable`);
  }
  undo();
  return undefined;
}

function outDirError(outDir: string, reason: string): Diagnostic {
  return {
    code: "IAC8201",
    severity: "error",
    message: `the cloud assembly cannot be written to ${outDir}: ${reason}`,
    hint: "give --out a folder you can write to (default <dir>/cdk.out)",
  };
}
