/**
 * `iac init`: a new app from one of the templates under `templates/` (see
 * templates/README.md for their conventions). Each template's one-line
 * description is its package.json `description`. Copying replaces the
 * `{{name}}` placeholder in every text file with the app name (the target
 * folder's name, lower-cased to `[a-z0-9-]`), and restores `.gitignore`
 * (npm drops it from published packages: a missing one gets the default).
 *
 * The new app's package.json declares iac itself (`"iac":
 * "npm:iac-compiler@^<this version>"`, src/package-name.ts), so `npm
 * install` in it is all it needs: `import ... from "iac"`, the `iac` command
 * and the SDK's types then resolve from the app's own node_modules.
 *
 * The target folder must be empty, or hold only what `npm init` / `npm
 * install` leave (package.json, package-lock.json, node_modules, .git,
 * .npmrc), unless `force` is set. An existing package.json is merged, not
 * replaced: its name, version, dependencies and scripts stay; the template
 * adds its entry (`main`), its scripts and dependencies where the app has
 * none of that name (npm init's placeholder `test` script is replaced).
 */
import * as fs from "fs";
import * as path from "path";
import { aliasSpec, SDK_ALIAS } from "../package-name";
import { packageRoot } from "../synth/paths";
import { LocalAppError, templatesDir } from "./app";

export interface TemplateInfo {
  name: string;
  description: string;
}

export interface InitResult {
  /** Absolute folder of the new app. */
  dir: string;
  name: string;
  template: string;
  /** Files written, relative to `dir`, sorted. */
  files: string[];
  /** Dependencies the app declares that do not resolve from `dir` yet: `npm install` fetches them. */
  missing: string[];
  /** The commands to run next, in order, from the folder `iac init` ran in. */
  next: string[];
}

const DEFAULT_GITIGNORE = "node_modules/\n.iac/\ncdk.out/\ncoverage/\n";
const TEXT = /\.(ts|js|mjs|cjs|json|md|html|css|txt|ya?ml|gitignore)$|^(\.gitignore|gitignore)$/;
/** What `npm init` and `npm install` leave in a folder: not "non-empty" for `iac init`. */
const NPM_SCAFFOLDING = new Set(["package.json", "package-lock.json", "node_modules", ".git", ".npmrc"]);
/** The `test` script `npm init -y` writes, which the template's replaces. */
const NPM_INIT_TEST = /^echo "Error: no test specified" && exit 1$/;

export function listTemplates(): TemplateInfo[] {
  const root = templatesDir();
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(root, e.name, "package.json")))
    .map((e) => ({ name: e.name, description: describe(path.join(root, e.name, "package.json")) }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

function describe(manifest: string): string {
  const description = readObject(manifest).description;
  return typeof description === "string" ? description : "";
}

/** The folder's name as an npm-style app name: `My App` → `my-app`. */
export function appNameFor(dir: string): string {
  const name = path
    .basename(path.resolve(dir))
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return name || "app";
}

/** This iac's version, for the dependency a new app declares. */
function ownVersion(): string {
  const version = readObject(path.join(packageRoot(), "package.json")).version;
  return typeof version === "string" ? version : "0.0.0";
}

export function initApp(options: { dir: string; template: string; force?: boolean; cwd?: string }): InitResult {
  const templates = listTemplates();
  const chosen = templates.find((t) => t.name === options.template);
  if (!chosen) {
    const near = templates.find((t) => t.name.includes(options.template) || options.template.includes(t.name));
    const hint = near ? ` (did you mean "${near.name}"?)` : "";
    throw new LocalAppError(`unknown template "${options.template}"${hint}; templates: ${templates.map((t) => t.name).join(", ")}`);
  }
  const dir = path.resolve(options.dir);
  if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) throw new LocalAppError(`${dir} is a file, not a folder`);
  const present = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  const others = present.filter((f) => !NPM_SCAFFOLDING.has(f));
  if (others.length > 0 && !options.force) {
    throw new LocalAppError(
      `${dir} is not empty (${others.slice(0, 3).join(", ")}${others.length > 3 ? ", ..." : ""}); choose an empty folder or pass --force to write over it`,
    );
  }
  const manifestFile = path.join(dir, "package.json");
  const existing = fs.existsSync(manifestFile) ? readAppManifest(manifestFile) : undefined;
  const name = typeof existing?.name === "string" && existing.name !== "" ? existing.name : appNameFor(dir);
  const source = path.join(templatesDir(), chosen.name);
  const files: string[] = [];
  copyTree(source, dir, "", name, files);
  const manifest = mergeManifest(readObject(manifestFile), existing);
  fs.writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  if (!files.includes(".gitignore") && !fs.existsSync(path.join(dir, ".gitignore"))) {
    fs.writeFileSync(path.join(dir, ".gitignore"), DEFAULT_GITIGNORE);
    files.push(".gitignore");
  }
  const missing = unresolvedDependencies(dir, manifest);
  const relative = path.relative(path.resolve(options.cwd ?? process.cwd()), dir);
  const next = [
    ...(relative !== "" ? [`cd ${/\s/.test(relative) ? JSON.stringify(relative) : relative}`] : []),
    ...(missing.length > 0 ? ["npm install"] : []),
    "npx iac dev",
  ];
  return { dir, name, template: chosen.name, files: files.sort(), missing, next };
}

type Manifest = Record<string, unknown>;

function readAppManifest(file: string): Manifest {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
    if (isObject(parsed)) return parsed;
  } catch (error) {
    throw new LocalAppError(`${file} is not valid JSON (${error instanceof Error ? error.message : String(error)}); fix or remove it first`);
  }
  throw new LocalAppError(`${file} does not hold a JSON object; fix or remove it first`);
}

/**
 * The app's package.json: the template's (just copied), with iac declared,
 * laid over the one the folder had, whose own entries win except `main`
 * (the template's entry is the app's now) and npm init's placeholder test.
 */
function mergeManifest(template: Manifest, existing: Manifest | undefined): Manifest {
  const devDependencies = { [SDK_ALIAS]: aliasSpec(ownVersion()), ...objectAt(template, "devDependencies") };
  const fresh: Manifest = { ...template, devDependencies: sortKeys(devDependencies) };
  if (!existing) return fresh;
  const merged: Manifest = { ...fresh, ...existing, main: template.main };
  if (typeof existing.description !== "string" || existing.description === "") merged.description = template.description;
  const ownScripts = objectAt(existing, "scripts");
  if (typeof ownScripts.test === "string" && NPM_INIT_TEST.test(ownScripts.test)) delete ownScripts.test;
  merged.scripts = { ...objectAt(template, "scripts"), ...ownScripts };
  for (const field of ["dependencies", "devDependencies"]) {
    const combined = { ...objectAt(fresh, field), ...objectAt(existing, field) };
    if (Object.keys(combined).length > 0) merged[field] = sortKeys(combined);
  }
  // An app that already lists iac as a dependency keeps it there, not also as a dev dependency.
  if (SDK_ALIAS in objectAt(existing, "dependencies")) {
    const dev = objectAt(merged, "devDependencies");
    delete dev[SDK_ALIAS];
    merged.devDependencies = dev;
  }
  return merged;
}

/** Declared dependencies that no node_modules from `dir` upwards holds. */
function unresolvedDependencies(dir: string, manifest: Manifest): string[] {
  const names = [...Object.keys(objectAt(manifest, "dependencies")), ...Object.keys(objectAt(manifest, "devDependencies"))];
  return names.filter((name) => !installedFrom(dir, name)).sort();
}

function installedFrom(dir: string, name: string): boolean {
  for (let at = dir; ; at = path.dirname(at)) {
    if (fs.existsSync(path.join(at, "node_modules", name, "package.json"))) return true;
    if (path.dirname(at) === at) return false;
  }
}

function copyTree(from: string, to: string, rel: string, name: string, files: string[]): void {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === ".iac") continue;
    const source = path.join(from, entry.name);
    // Stored as `gitignore` so npm keeps it; written back under its real name.
    const targetName = entry.name === "gitignore" ? ".gitignore" : entry.name;
    const target = path.join(to, targetName);
    const relative = rel ? `${rel}/${targetName}` : targetName;
    if (entry.isDirectory()) {
      copyTree(source, target, relative, name, files);
    } else if (entry.isFile()) {
      if (TEXT.test(entry.name)) fs.writeFileSync(target, fs.readFileSync(source, "utf8").split("{{name}}").join(name));
      else fs.copyFileSync(source, target);
      files.push(relative);
    }
  }
}

function readObject(file: string): Manifest {
  const parsed: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
  return isObject(parsed) ? parsed : {};
}

function objectAt(manifest: Manifest, field: string): Record<string, unknown> {
  const value = manifest[field];
  return isObject(value) ? { ...value } : {};
}

function sortKeys(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
