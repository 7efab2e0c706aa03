/**
 * What every analysis of a fuzzed app must be: an answer within
 * the time limit (no hang), no exception (a crash: exit 2 in the CLI), and
 * for a non-zero exit, located diagnostics: each has an `IACnnnn` code and
 * a location (file, line, column) that points into a file of the app. No
 * diagnostic may carry the process's environment (a `main` pointing at
 * /proc/self/environ once printed it).
 */
import * as fs from "fs";
import * as path from "path";
import type { Diagnostic } from "../../../src/graph";
import type { Outcome } from "./pool";

const CODE = /^IAC\d{4}$/;
const SEVERITIES = new Set(["error", "warning", "info"]);

/** Lines of a regular file of the app (never a FIFO or device: stat first), or undefined. */
function lineCount(file: string): number | undefined {
  try {
    const st = fs.statSync(file);
    if (!st.isFile() || st.size > 8 * 1024 * 1024) return undefined;
    return fs.readFileSync(file, "utf8").split(/\r\n|\r|\n|\u2028|\u2029/).length;
  } catch {
    return undefined;
  }
}

function isLink(file: string): boolean {
  try {
    return fs.lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

function where(d: Diagnostic): string {
  const l = d.location;
  return `${d.code} ${d.severity} at ${l ? `${l.file}:${l.line}:${l.column}` : "(no location)"}: ${d.message}`;
}

/**
 * The one error that may come without a location: IAC8001 about the entry
 * itself when there is nothing to point into. Either the app has no
 * package.json and no index.* (no file at all to name), or the entry file is
 * not readable (a FIFO, a link to /dev/zero, a directory, larger than the
 * limit) and package.json has no "main" to point at instead: a location in
 * the entry would make `iac graph` print a code frame of the very file that
 * must not be read. The message names the file either way.
 */
function unlocatable(dir: string, d: Diagnostic): boolean {
  if (d.code !== "IAC8001") return false;
  if (/^entry not found in /.test(d.message)) return !isRegularFile(path.join(dir, "package.json"));
  return /^entry \S+ could not be read/.test(d.message);
}

function isRegularFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The ways this outcome breaks the contract; empty when it keeps it. */
export function problems(dir: string, outcome: Outcome, timeoutMs: number): string[] {
  if (outcome.kind === "hang") return [`hang: no answer within ${timeoutMs} ms`];
  if (outcome.kind === "crash") return [`crash: ${outcome.error.split("\n").slice(0, 8).join("\n    ")}`];
  if (!Array.isArray(outcome.diagnostics)) return ["no diagnostics array in the result"];
  const out: string[] = [];
  const secret = process.env.PATH && process.env.PATH.length > 8 ? process.env.PATH : undefined;
  for (const d of outcome.diagnostics) {
    if (typeof d.code !== "string" || !CODE.test(d.code)) out.push(`diagnostic without an IACnnnn code: ${JSON.stringify(d)}`);
    if (!SEVERITIES.has(d.severity)) out.push(`diagnostic with severity ${JSON.stringify(d.severity)}: ${where(d)}`);
    if (typeof d.message !== "string" || d.message.trim() === "") out.push(`diagnostic without a message: ${JSON.stringify(d)}`);
    if (secret && JSON.stringify(d).includes(secret)) out.push(`diagnostic prints the process environment: ${d.code}`);
    const l = d.location;
    if (!l) {
      if (d.severity === "error" && !unlocatable(dir, d)) out.push(`error without a location: ${where(d)}`);
      continue;
    }
    if (typeof l.file !== "string" || l.file === "" || !Number.isInteger(l.line) || l.line < 1 || !Number.isInteger(l.column) || l.column < 1) {
      out.push(`malformed location: ${JSON.stringify(l)} (${d.code})`);
      continue;
    }
    const file = path.resolve(dir, l.file);
    if (!fs.existsSync(file) && !isLink(file)) {
      out.push(`location in a file that does not exist: ${where(d)}`);
      continue;
    }
    const lines = lineCount(file);
    if (lines !== undefined && l.line > lines) out.push(`location past the end of ${l.file} (${lines} lines): ${where(d)}`);
  }
  return out;
}
