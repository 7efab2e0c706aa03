/**
 * The framework's own build, run by `iac build` before bundling: the app's
 * `cloud:build` script, else the framework's build command (`next build`),
 * in the app folder, with the app's node_modules/.bin on PATH as npm runs
 * scripts, its output captured. A failing build is IAC7501 at the script
 * (or the framework's dependency) in package.json, carrying the output's
 * last lines; then the framework says whether the output it needs is there
 * (IAC7502) and what to deploy.
 *
 * Cache: the build is skipped when its inputs are unchanged since the last
 * successful one: every app file outside node_modules, the outputs and
 * `.iac` (content hashes), the lock files, the installed framework
 * package's version, the command, and the public build-time environment
 * (`NEXT_PUBLIC_*`, and Vite's `VITE_*` and `PUBLIC_*`, which SvelteKit,
 * Astro and Remix inline into their builds). Stored in
 * `.iac/framework-build.json`.
 */
import { spawn } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import type { AppGraph, Diagnostic } from "../graph";
import { unanalysedPageUse } from "./pages";
import { FRAMEWORK_CODES } from "./codes";
import { detectFramework, packageJsonLine, type DetectedFramework } from "./registry";
import type { Framework, FrameworkOutput } from "./types";

export interface FrameworkBuildResult {
  /** What synth deploys: undefined for an app with no framework, one not served yet, or a failed build. */
  output?: FrameworkOutput;
  diagnostics: Diagnostic[];
  /** Whether the build ran (false: no framework, or its inputs were unchanged). */
  ran: boolean;
  durationMs: number;
}

/** Folders never part of the build's inputs. */
const SKIPPED = new Set(["node_modules", ".iac", "cdk.out", ".git"]);
const LOCK_FILES = ["package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml"];
const STATE_FILE = "framework-build.json";
/** Environment variables the frameworks inline into their client and server builds (Next.js; Vite's default and SvelteKit's and Astro's public prefixes). */
const PUBLIC_ENV = ["NEXT_PUBLIC_", "VITE_", "PUBLIC_"];
/** Lines of the build's output kept in a diagnostic. */
const OUTPUT_LINES = 60;

export async function buildFramework(appDir: string): Promise<FrameworkBuildResult> {
  const started = Date.now();
  const detected = detectFramework(appDir);
  const done = (r: Omit<FrameworkBuildResult, "durationMs">): FrameworkBuildResult => ({ ...r, durationMs: Date.now() - started });
  if (!detected) return done({ diagnostics: [], ran: false });
  const framework = detected.framework;
  if (framework && !framework.served) {
    // Recognised, not served yet: its warning says so, and the app's SDK part builds as any app's.
    const said = framework.output(appDir, "package.json");
    return done({ diagnostics: isDiagnostic(said) ? [said] : [], ran: false });
  }
  const unresolved = framework ? [...unresolvedWrappers(appDir, framework), ...missingPackages(appDir, framework)] : [];
  if (unresolved.length > 0) return done({ diagnostics: unresolved, ran: false });
  const command = buildCommandOf(detected);
  if (!command) return done({ diagnostics: [], ran: false });
  const key = inputsKey(appDir, detected, command.display);
  const outputOf = (): FrameworkOutput | Diagnostic | undefined => framework?.output(appDir, "package.json");
  const previous = readState(appDir);
  if (previous === key) {
    const out = outputOf();
    if (out === undefined || !isDiagnostic(out)) return done({ output: out, diagnostics: [], ran: false });
  }
  const location = { file: "package.json", line: packageJsonLine(detected.packageJson, command.locate), column: 1 };
  const run = await runCommand(appDir, command.shell);
  if (run.error) {
    return done({
      ran: true,
      diagnostics: [
        {
          code: FRAMEWORK_CODES.buildNotStarted,
          severity: "error",
          message: `${command.display} could not start: ${run.error}`,
          location,
          hint: "Install the app's dependencies (npm install) first.",
        },
      ],
    });
  }
  if (run.code !== 0) {
    return done({
      ran: true,
      diagnostics: [
        {
          code: FRAMEWORK_CODES.buildFailed,
          severity: "error",
          message: `${command.display} failed (exit ${run.code ?? run.signal}):\n${lastLines(run.output, OUTPUT_LINES)}`,
          location,
          hint: "The framework's own build failed; run it in the app folder to see it whole.",
        },
      ],
    });
  }
  const out = outputOf();
  if (out !== undefined && isDiagnostic(out)) return done({ ran: true, diagnostics: [out] });
  writeState(appDir, key);
  return done({ output: out, diagnostics: [], ran: true });
}

/** IAC7506 for the served framework's pages that use an SDK interface the HTTP function's analysed code does not (pages.ts). */
export function pageWarnings(appDir: string, graph: AppGraph): Diagnostic[] {
  const framework = detectFramework(appDir)?.framework;
  return framework?.served ? unanalysedPageUse(appDir, graph, framework) : [];
}

/**
 * IAC7505 at each import of `@serverless/cloud/<wrapper>` or `iac/<wrapper>`
 * in the framework's config that Node cannot resolve from the app folder
 * (the framework loads its config with Node's own resolution): said here,
 * located, rather than as the framework's stack trace.
 */
export function unresolvedWrappers(appDir: string, framework: Framework): Diagnostic[] {
  return wrapperImports(appDir, framework)
    .filter(({ spec }) => !resolves(spec, appDir))
    .map(({ spec, file, location }) => {
      const pkg = spec
        .split("/")
        .slice(0, spec.startsWith("@") ? 2 : 1)
        .join("/");
      return {
        code: FRAMEWORK_CODES.wrapperUnresolved,
        severity: "error",
        message: `${spec} does not resolve from the app folder: ${framework.title} could not load ${file}`,
        location,
        hint: `Install iac under that name: npm install --save-dev ${pkg}@npm:iac-compiler (docs/frameworks.md).`,
      };
    });
}

/**
 * IAC7507 for each package the served build needs beside the framework
 * (`requires`: SvelteKit's adapter-node) that is not installed in the app,
 * located at the wrapper's import in the framework's config (which is what
 * asks for it), else at package.json.
 */
export function missingPackages(appDir: string, framework: Framework): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const pkg of framework.requires ?? []) {
    if (installedDir(appDir, pkg)) continue;
    found.push({
      code: FRAMEWORK_CODES.requiredPackageMissing,
      severity: "error",
      message: `${pkg} is not installed: iac serves ${framework.title} through it (iac's wrapper sets it as the app's adapter)`,
      location: wrapperImports(appDir, framework)[0]?.location ?? { file: "package.json", line: 1, column: 1 },
      hint: `Install it in the app: npm install --save-dev ${pkg} (docs/frameworks.md).`,
    });
  }
  return found;
}

/** The package's folder under the first node_modules above the app that has it (as Node finds packages), else undefined. */
function installedDir(appDir: string, pkg: string): string | undefined {
  for (let dir = path.resolve(appDir); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", ...pkg.split("/"));
    if (fs.existsSync(path.join(candidate, "package.json"))) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * Each import of iac's wrapper (`@serverless/cloud/<wrapper>`, `iac/<wrapper>`,
 * in quotes) in the framework's config files, located at its opening quote.
 */
function wrapperImports(appDir: string, framework: Framework): { spec: string; file: string; location: NonNullable<Diagnostic["location"]> }[] {
  if (!framework.wrapper) return [];
  const found: { spec: string; file: string; location: NonNullable<Diagnostic["location"]> }[] = [];
  for (const file of framework.configFiles) {
    let text: string;
    try {
      text = fs.readFileSync(path.join(appDir, file), "utf8");
    } catch {
      continue;
    }
    for (const spec of [`@serverless/cloud/${framework.wrapper}`, `iac/${framework.wrapper}`]) {
      const at = Math.min(...['"', "'", "`"].map((q) => text.indexOf(`${q}${spec}${q}`)).map((i) => (i < 0 ? Infinity : i)));
      if (at === Infinity) continue;
      const before = text.slice(0, at).split("\n");
      found.push({ spec, file, location: { file, line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 } });
    }
  }
  return found;
}

function resolves(spec: string, appDir: string): boolean {
  try {
    require.resolve(spec, { paths: [appDir] });
    return true;
  } catch {
    return false;
  }
}

function isDiagnostic(value: FrameworkOutput | Diagnostic): value is Diagnostic {
  return "code" in value;
}

interface Command {
  /** Run with `sh -c`. */
  shell: string;
  display: string;
  /** What to find in package.json for the location. */
  locate: string;
}

function buildCommandOf(detected: DetectedFramework): Command | undefined {
  if (detected.buildScript !== undefined) return { shell: detected.buildScript, display: "the cloud:build script", locate: '"cloud:build"' };
  const framework = detected.framework;
  if (!framework) return undefined;
  return { shell: framework.buildCommand.join(" "), display: framework.buildCommand.join(" "), locate: `"${framework.packageName}"` };
}

interface Run {
  code: number | null;
  signal?: string;
  output: string;
  error?: string;
}

/** Runs a command as npm runs a script: the app folder, node_modules/.bin first on PATH; stdout and stderr as one text. */
export function runCommand(appDir: string, shell: string): Promise<Run> {
  return new Promise((resolve) => {
    const bin = path.join(appDir, "node_modules", ".bin");
    const env = { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ""}`, NEXT_TELEMETRY_DISABLED: "1" };
    const child = spawn("sh", ["-c", shell], { cwd: appDir, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr.on("data", (c: Buffer) => (output += c.toString()));
    child.on("error", (error) => resolve({ code: null, output, error: error.message }));
    child.on("close", (code, signal) => resolve({ code, signal: signal ?? undefined, output }));
  });
}

function lastLines(text: string, n: number): string {
  // Colour codes are the terminal's, not the diagnostic's.
  const plain = text.replace(/\u001b\[[0-9;]*m/g, "").trimEnd();
  const lines = plain.split("\n");
  return (lines.length > n ? ["...", ...lines.slice(-n)] : lines).join("\n");
}

function inputsKey(appDir: string, detected: DetectedFramework, command: string): string {
  const hash = createHash("sha256").update(command).update("\0");
  const skipped = new Set([...SKIPPED, ...(detected.framework?.outputDirs ?? [])]);
  for (const rel of appFiles(appDir, "", skipped))
    hash
      .update(rel)
      .update("\0")
      .update(fs.readFileSync(path.join(appDir, rel)))
      .update("\0");
  for (const lock of LOCK_FILES) {
    const file = path.join(appDir, lock);
    if (fs.existsSync(file)) hash.update(lock).update(fs.readFileSync(file));
  }
  const pkg = detected.framework?.packageName;
  const installed = pkg ? path.join(appDir, "node_modules", pkg, "package.json") : undefined;
  if (installed && fs.existsSync(installed)) hash.update(fs.readFileSync(installed));
  for (const name of Object.keys(process.env)
    .filter((n) => PUBLIC_ENV.some((prefix) => n.startsWith(prefix)))
    .sort())
    hash.update(`${name}=${process.env[name] ?? ""}\0`);
  return hash.digest("hex");
}

/** Regular files under the app, relative (POSIX), sorted; skipped folders at the top level and node_modules anywhere. */
function appFiles(appDir: string, prefix: string, skipped: Set<string>): string[] {
  const out: string[] = [];
  const entries = fs.readdirSync(path.join(appDir, prefix), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.name === "node_modules" || skipped.has(rel)) continue;
    if (e.isDirectory()) out.push(...appFiles(appDir, rel, skipped));
    else if (e.isFile()) out.push(rel);
  }
  return out;
}

function readState(appDir: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(path.join(appDir, ".iac", STATE_FILE), "utf8"));
    return typeof parsed === "object" && parsed !== null && "key" in parsed && typeof parsed.key === "string" ? parsed.key : undefined;
  } catch {
    return undefined;
  }
}

function writeState(appDir: string, key: string): void {
  fs.mkdirSync(path.join(appDir, ".iac"), { recursive: true });
  fs.writeFileSync(path.join(appDir, ".iac", STATE_FILE), JSON.stringify({ key }));
}
