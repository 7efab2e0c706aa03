/**
 * The analysis cache: an unchanged rebuild reuses the last analysis and never
 * loads the TypeScript compiler. Used by `build()` only (it already writes
 * `<app>/.iac/`); `analyze()` always analyses.
 *
 * A hit needs BOTH of:
 * - the key: sha256 of every file under the app directory (content and
 *   path; `node_modules`, `.git`, the top-level `.iac` and `cdk.out` and the
 *   assembly dir excluded), the app dir, the tsconfig option, and iac's own
 *   analyzer and graph code plus the TypeScript version;
 * - the probes: every file and directory the compiler looked at during the
 *   analysis that wrote the stamp (read, checked for, resolved; wherever it
 *   was, e.g. a tsconfig `extends` or an import outside the app) is in the
 *   same state now (same content, still present, still absent).
 * Only analyses without errors are stored. Anything unreadable is a miss.
 */
import { createHash, type Hash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import type { AppGraph, Diagnostic } from "./graph";

const STAMP_VERSION = 1;
const STAMP = "analysis.json";

/** What the compiler saw of one path: a file's sha256, "dir", "missing", or `realpath:<target>`. */
type Probe = [file: string, state: string];

interface Stamp {
  version: number;
  key: string;
  probes: Probe[];
  graph: AppGraph;
  diagnostics: Diagnostic[];
}

export interface AnalysisCacheRequest {
  appDir: string;
  tsconfig?: string;
  /** The assembly dir: excluded from the key (synth writes there after analysis). */
  outDir: string;
}

function sha256(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

function hashTree(hash: Hash, dir: string, skip: (full: string, name: string) => boolean): void {
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (skip(full, e.name)) continue;
    if (e.isDirectory()) {
      hash.update(`d\0${e.name}\0`);
      hashTree(hash, full, skip);
      hash.update("\0/d\0");
    } else if (e.isFile()) {
      hash
        .update(`f\0${e.name}\0`)
        .update(sha256(fs.readFileSync(full)))
        .update("\0");
    } else if (e.isSymbolicLink()) {
      // Followed: an app file may be a link to shared source.
      const target = fs.statSync(full, { throwIfNoEntry: false });
      hash.update(`l\0${e.name}\0${fs.readlinkSync(full)}\0`);
      if (target?.isFile()) hash.update(sha256(fs.readFileSync(full)));
      else if (target?.isDirectory()) hashTree(hash, full, skip);
      hash.update("\0");
    }
  }
}

let fingerprint: string | undefined;
/** iac's analyzer and graph code (this build of them) and the TypeScript version. */
function analyzerFingerprint(): string {
  if (fingerprint) return fingerprint;
  const hash = createHash("sha256");
  const none = (): boolean => false;
  for (const dir of ["analyzer", "graph"]) hashTree(hash.update(`${dir}\0`), path.join(__dirname, dir), none);
  hash.update(fs.readFileSync(__filename));
  hash.update(fs.readFileSync(require.resolve("typescript/package.json")));
  return (fingerprint = hash.digest("hex"));
}

export function analysisKey(req: AnalysisCacheRequest): string {
  const appDir = path.resolve(req.appDir);
  const outDir = path.resolve(req.outDir);
  const excluded = new Set([path.join(appDir, ".iac"), path.join(appDir, "cdk.out"), outDir]);
  const hash = createHash("sha256");
  hash.update(JSON.stringify({ version: STAMP_VERSION, iac: analyzerFingerprint(), appDir, tsconfig: req.tsconfig ?? null })).update("\0");
  hashTree(hash, appDir, (full, name) => name === "node_modules" || name === ".git" || excluded.has(full));
  return hash.digest("hex");
}

function stampPath(appDir: string): string {
  return path.join(path.resolve(appDir), ".iac", STAMP);
}

function probeState(kind: string, file: string): string {
  try {
    if (kind === "realpath") return `realpath:${fs.realpathSync(file)}`;
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat) return "missing";
    if (stat.isDirectory()) return "dir";
    return sha256(fs.readFileSync(file));
  } catch {
    return "unreadable";
  }
}

/** The stored analysis when key and every probe still match; else undefined. */
export function readAnalysis(req: AnalysisCacheRequest, key: string): { graph: AppGraph; diagnostics: Diagnostic[] } | undefined {
  let stamp: Stamp;
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(stampPath(req.appDir), "utf8"));
    if (!isStamp(parsed)) return undefined;
    stamp = parsed;
  } catch {
    return undefined;
  }
  if (stamp.version !== STAMP_VERSION || stamp.key !== key) return undefined;
  for (const [entry, state] of stamp.probes) {
    const kind = entry.slice(0, entry.indexOf(":"));
    if (probeState(kind, entry.slice(kind.length + 1)) !== state) return undefined;
  }
  return { graph: stamp.graph, diagnostics: stamp.diagnostics };
}

function isStamp(value: unknown): value is Stamp {
  if (typeof value !== "object" || value === null) return false;
  return (
    "version" in value &&
    typeof value.version === "number" &&
    "key" in value &&
    typeof value.key === "string" &&
    "probes" in value &&
    Array.isArray(value.probes) &&
    value.probes.every((p: unknown) => Array.isArray(p) && p.length === 2 && typeof p[0] === "string" && typeof p[1] === "string") &&
    "graph" in value &&
    typeof value.graph === "object" &&
    value.graph !== null &&
    "diagnostics" in value &&
    Array.isArray(value.diagnostics)
  );
}

type Sys = typeof import("typescript").sys;

/**
 * Runs `analyze` (synchronous, through TypeScript's `sys`) and records every
 * path the compiler read or looked for. TypeScript must be loaded already.
 */
export function recordProbes<T>(analyze: () => T): { result: T; probes: Probe[] } {
  // The instance the analyzer loaded.
  const sys: Sys = require("typescript").sys;
  const seen = new Set<string>();
  const saved = { readFile: sys.readFile, fileExists: sys.fileExists, directoryExists: sys.directoryExists, realpath: sys.realpath };
  const note = (kind: string, file: string): void => void seen.add(`${kind}:${path.resolve(file)}`);
  sys.readFile = (file, encoding) => (note("path", file), saved.readFile.call(sys, file, encoding));
  sys.fileExists = (file) => (note("path", file), saved.fileExists.call(sys, file));
  sys.directoryExists = (dir) => (note("path", dir), saved.directoryExists.call(sys, dir));
  if (saved.realpath) {
    const realpath = saved.realpath;
    sys.realpath = (file) => (note("realpath", file), realpath.call(sys, file));
  }
  try {
    const result = analyze();
    const probes = [...seen].sort().map((entry): Probe => {
      const kind = entry.slice(0, entry.indexOf(":"));
      return [entry, probeState(kind, entry.slice(kind.length + 1))];
    });
    return { result, probes };
  } finally {
    Object.assign(sys, saved);
  }
}

/** Stores an analysis (temp file + rename: never half-written). Best effort: a failure only costs the next build time. */
export function writeAnalysis(req: AnalysisCacheRequest, key: string, probes: Probe[], graph: AppGraph, diagnostics: Diagnostic[]): void {
  const file = stampPath(req.appDir);
  const stamp: Stamp = { version: STAMP_VERSION, key, probes, graph, diagnostics };
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(stamp));
    fs.renameSync(tmp, file);
  } catch {
    // read-only app dir: no cache
  }
}
