/**
 * A web-framework app's HTTP function (src/frameworks): its own asset, the
 * shared bundle plus the framework's server folder (its traced
 * node_modules inside) under `framework/`, so schedules and listeners keep
 * the small shared asset. Files are hard-linked where the file system
 * allows (the folder is large and unchanged between most builds). The SDK
 * packages the server traced are left out: the HTTP function answers their
 * imports with its own configured SDK (src/runtime/frameworks/sdk-module.ts).
 * Also: the HTTP function an app gets when its only HTTP surface is the
 * framework's pages.
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import type { AppGraph, FunctionPlan } from "../graph";
import { TIMEOUTS } from "../graph/limits";
import type { FrameworkOutput } from "../frameworks/types";
import type { BundledFunction } from "./bundle";
import { posixPath } from "../posix-path";

/** Where the framework's server folder sits in the HTTP function's code. */
export const FRAMEWORK_ROOT = "framework";

/** The SDK's own package names: never shipped inside the framework's server (the bundle is the SDK). */
const SDK_PACKAGES = new Set(["iac", "@serverless/cloud"]);

/** `IAC_FRAMEWORK` and `IAC_FRAMEWORK_DIR` for the HTTP function (ARCHITECTURE.md "Environment"). */
export function frameworkEnvironment(output: FrameworkOutput): Record<string, string> {
  const entryDir = path.posix.dirname(output.serverEntry);
  return { IAC_FRAMEWORK: output.name, IAC_FRAMEWORK_DIR: entryDir === "." ? FRAMEWORK_ROOT : `${FRAMEWORK_ROOT}/${entryDir}` };
}

/** The graph with an `http` function when the framework is the app's only HTTP surface. */
export function withHttpFunction(graph: AppGraph): AppGraph {
  if (graph.functions.some((f) => f.kind === "http")) return graph;
  const http: FunctionPlan = { id: "http", kind: "http", handlers: [], timeoutMs: TIMEOUTS.http.defaultMs };
  return { ...graph, functions: [...graph.functions, http].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) };
}

/** The HTTP function's own asset: `<outDir>/http-framework/` = the shared bundle's files + `framework/`. */
export function frameworkAsset(shared: BundledFunction, output: FrameworkOutput, appDir: string, outDir: string): BundledFunction {
  const dir = path.join(outDir, "http-framework");
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const hash = createHash("sha256").update(shared.hash).update("\0");
  for (const rel of filesUnder(shared.dir, "")) linkOrCopy(path.join(shared.dir, rel), path.join(dir, rel));
  const serverRoot = path.join(appDir, output.serverDir);
  for (const rel of filesUnder(serverRoot, "")) {
    const from = path.join(serverRoot, rel);
    linkOrCopy(from, path.join(dir, FRAMEWORK_ROOT, rel));
    hash.update(posixPath(rel)).update("\0").update(fs.readFileSync(from)).update("\0");
  }
  return { ...shared, dir, hash: hash.digest("hex") };
}

function linkOrCopy(from: string, to: string): void {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  // A link would be linked as a link: its file is copied instead.
  if (fs.lstatSync(from).isSymbolicLink()) return fs.copyFileSync(from, to);
  try {
    fs.linkSync(from, to);
  } catch {
    fs.copyFileSync(from, to);
  }
}

/** Links followed inside links: enough for any real layout, and an end to a link cycle. */
const MAX_LINK_DEPTH = 4;

/** Regular files (and links to them) under `dir`, relative, sorted; `node_modules/<sdk>` skipped at any depth. */
function filesUnder(root: string, rel: string, depth = 0): string[] {
  const out: string[] = [];
  const dir = path.join(root, rel);
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const child = rel ? path.join(rel, e.name) : e.name;
    if (path.basename(rel) === "node_modules" && SDK_PACKAGES.has(e.name)) continue;
    if (path.basename(rel) === "@serverless" && path.basename(path.dirname(rel)) === "node_modules" && e.name === "cloud") continue;
    if (e.isDirectory()) out.push(...filesUnder(root, child, depth));
    else if (e.isFile()) out.push(child);
    else if (e.isSymbolicLink()) {
      // Traced folders hold links (Turbopack's aliases of external packages under .next/node_modules, pnpm's
      // store): what they point to is shipped in their place, as Lambda's zip would not keep them.
      const target = fs.statSync(path.join(root, child), { throwIfNoEntry: false });
      if (target?.isFile()) out.push(child);
      else if (target?.isDirectory() && depth < MAX_LINK_DEPTH) out.push(...filesUnder(root, child, depth + 1));
    }
  }
  return out;
}
