/**
 * Turns what the user passed for each side of a diff into a built side
 * (graph, and template when there is one):
 * - a graph.json file: the graph alone (templates are then not compared);
 * - a cloud assembly directory (it has `manifest.json`): its stack template,
 *   and the graph.json `iac build` wrote beside or above it;
 * - an app directory: built with the given builder;
 * - anything else is taken as a git ref: checked out with `git worktree add`
 *   into a temporary directory, built there, and the worktree removed again.
 *   Nothing in the user's tree changes. The worktree has no `node_modules`,
 *   so the head's are linked in (the base is built with the head's installed
 *   dependencies, which is what CI has).
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import type { AppGraph, Diagnostic } from "../graph";
import type { BuiltSide, DiffSideInfo, Template } from "./types";

const exec = promisify(execFile);

export type BuildOutcome =
  { ok: true; graph: AppGraph; templatePath: string; diagnostics: Diagnostic[] } | { ok: false; graph?: AppGraph; diagnostics: Diagnostic[] };

/** The part of `build` (src/compiler.ts) a diff needs. */
export type BuildFn = (dir: string, options: { stage: string; outDir?: string; validateTemplate?: boolean }) => Promise<BuildOutcome>;

/** A side given as data instead of a path. */
export interface InMemorySide {
  graph: AppGraph;
  template?: Template;
  label?: string;
  /** The side's analysis and build diagnostics, when known. */
  diagnostics?: Diagnostic[];
}

export type SideSpec = string | InMemorySide;

export type ResolvedSide = { ok: true; side: BuiltSide; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

/** Diagnostic codes of the diff (7xxx: synth and deploy). */
export const DIFF_CODES = {
  /** A side of the diff is not a graph.json, a cloud assembly with its graph, or a git ref (error). */
  badSide: "IAC7301",
  /** git could not check out the base ref (error). */
  gitFailed: "IAC7302",
  /** A side of the diff failed to build (error, with that build's diagnostics). */
  buildFailed: "IAC7303",
} as const;

function fail(code: string, message: string, hint?: string): ResolvedSide {
  return { ok: false, diagnostics: [{ code, severity: "error", message, ...(hint ? { hint } : {}) }] };
}

/** A file the user pointed at may be anything: unreadable or invalid JSON reads as undefined, reported by the caller. */
function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

function isGraph(v: unknown): v is AppGraph {
  return typeof v === "object" && v !== null && "version" in v && "resources" in v && Array.isArray(v.resources) && "usages" in v && "functions" in v;
}

function isTemplate(v: unknown): v is Template {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The stack template of a cloud assembly, via its manifest (one iac stack per assembly). */
export function assemblyTemplatePath(dir: string): string | undefined {
  const manifest = readJson(path.join(dir, "manifest.json"));
  if (typeof manifest !== "object" || manifest === null || !("artifacts" in manifest)) return undefined;
  const artifacts = manifest.artifacts;
  if (typeof artifacts !== "object" || artifacts === null) return undefined;
  for (const a of Object.values(artifacts)) {
    if (typeof a !== "object" || a === null || !("type" in a) || a.type !== "aws:cloudformation:stack") continue;
    const props = "properties" in a ? a.properties : undefined;
    if (typeof props === "object" && props !== null && "templateFile" in props && typeof props.templateFile === "string") {
      return path.join(dir, props.templateFile);
    }
  }
  return undefined;
}

function readGraphFile(file: string, info: DiffSideInfo, template?: Template): ResolvedSide {
  const graph = readJson(file);
  if (!isGraph(graph)) return fail(DIFF_CODES.badSide, `${file} is not an iac graph.json`);
  return { ok: true, side: { info, graph, ...(template ? { template } : {}) }, diagnostics: [] };
}

function readAssembly(dir: string, info: DiffSideInfo): ResolvedSide {
  const templatePath = assemblyTemplatePath(dir);
  if (!templatePath) return fail(DIFF_CODES.badSide, `${dir} holds no CloudFormation stack`);
  const template = readJson(templatePath);
  if (!isTemplate(template)) return fail(DIFF_CODES.badSide, `${templatePath} is not a template`);
  // `iac build` writes <app>/cdk.out (or --out) and <app>/.iac/graph.json.
  const graphFile = [path.join(dir, "graph.json"), path.join(dir, "..", "graph.json"), path.join(dir, "..", ".iac", "graph.json")].find((f) =>
    fs.existsSync(f),
  );
  if (!graphFile)
    return fail(DIFF_CODES.badSide, `no graph.json next to the assembly ${dir}`, "Pass the assembly `iac build` wrote (under .iac/), or a graph.json.");
  return readGraphFile(graphFile, info, template);
}

async function buildDir(dir: string, info: DiffSideInfo, stage: string, build: BuildFn, outDir?: string): Promise<ResolvedSide> {
  const result = await build(dir, { stage, validateTemplate: false, ...(outDir ? { outDir } : {}) });
  if (!result.ok) {
    const diagnostics: Diagnostic[] =
      result.diagnostics.length > 0 ? result.diagnostics : [{ code: DIFF_CODES.buildFailed, severity: "error", message: `building ${info.spec} failed` }];
    return { ok: false, diagnostics };
  }
  const template = readJson(result.templatePath);
  if (!isTemplate(template)) return fail(DIFF_CODES.buildFailed, `${result.templatePath} is not a template`);
  return { ok: true, side: { info, graph: result.graph, template, diagnostics: result.diagnostics }, diagnostics: result.diagnostics };
}

export async function git(cwd: string, args: string[]): Promise<string> {
  const { stdout } = await exec("git", args, { cwd, maxBuffer: 16 * 1024 * 1024 });
  return stdout.trim();
}

function linkNodeModules(from: string, to: string): void {
  const source = path.join(from, "node_modules");
  const target = path.join(to, "node_modules");
  if (fs.existsSync(source) && fs.existsSync(to) && !fs.existsSync(target)) fs.symlinkSync(source, target, "junction");
}

async function buildGitRef(ref: string, appDir: string, stage: string, build: BuildFn): Promise<ResolvedSide> {
  let root: string;
  let commit: string;
  try {
    root = await git(appDir, ["rev-parse", "--show-toplevel"]);
    commit = await git(appDir, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
  } catch {
    return fail(
      DIFF_CODES.badSide,
      `${ref} is neither a file, a directory, nor a git ref of the repository at ${appDir}`,
      "Pass a git ref (origin/main, HEAD~1), a cloud assembly directory, or a graph.json. In CI, fetch the base branch first (actions/checkout with fetch-depth: 0).",
    );
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "iac-diff-"));
  const worktree = path.join(tmp, "base");
  const info: DiffSideInfo = { spec: ref, kind: "git-ref", commit };
  try {
    try {
      await git(root, ["worktree", "add", "--detach", worktree, commit]);
    } catch (error) {
      return fail(DIFF_CODES.gitFailed, `git worktree add failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    const rel = path.relative(fs.realpathSync(root), fs.realpathSync(appDir));
    const baseApp = path.join(worktree, rel);
    if (!fs.existsSync(baseApp)) return fail(DIFF_CODES.badSide, `${rel || "."} does not exist at ${ref}`);
    linkNodeModules(root, worktree);
    linkNodeModules(appDir, baseApp);
    return await buildDir(baseApp, info, stage, build, path.join(tmp, "out"));
  } finally {
    await git(root, ["worktree", "remove", "--force", worktree]).catch(() => undefined);
    fs.rmSync(tmp, { recursive: true, force: true });
    await git(root, ["worktree", "prune"]).catch(() => undefined);
  }
}

export interface ResolveContext {
  stage: string;
  build: BuildFn;
  /** The head app directory: where git refs are resolved and which subdirectory to build at that ref. */
  appDir: string;
  cwd: string;
}

export async function resolveSide(spec: SideSpec, ctx: ResolveContext): Promise<ResolvedSide> {
  if (typeof spec !== "string") {
    const side: BuiltSide = {
      info: { spec: spec.label ?? "(in memory)", kind: "in-memory" },
      graph: spec.graph,
      ...(spec.template ? { template: spec.template } : {}),
      ...(spec.diagnostics ? { diagnostics: spec.diagnostics } : {}),
    };
    return { ok: true, side, diagnostics: spec.diagnostics ?? [] };
  }
  const full = path.resolve(ctx.cwd, spec);
  const stat = fs.existsSync(full) ? fs.statSync(full) : undefined;
  if (stat?.isFile()) return readGraphFile(full, { spec, kind: "graph-json" });
  if (stat?.isDirectory() && fs.existsSync(path.join(full, "manifest.json"))) return readAssembly(full, { spec, kind: "assembly" });
  if (stat?.isDirectory()) return buildDir(full, { spec, kind: "app-dir" }, ctx.stage, ctx.build);
  return buildGitRef(spec, ctx.appDir, ctx.stage, ctx.build);
}
