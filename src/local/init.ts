/**
 * `iac init`: a new app from one of the templates under `templates/` (see
 * templates/README.md for their conventions). Each template's one-line
 * description is its package.json `description`. Copying replaces the
 * `{{name}}` placeholder in every text file with the app name (the target
 * folder's name, lower-cased to `[a-z0-9-]`), and restores `.gitignore`
 * (npm drops it from published packages: a missing one gets the default).
 * A non-empty target folder is refused unless `force` is set.
 */
import * as fs from "fs";
import * as path from "path";
import { LocalAppError, templatesDir } from "./app";

export interface TemplateInfo {
  name: string;
  description: string;
}

export interface InitResult {
  dir: string;
  name: string;
  template: string;
  files: string[];
}

const DEFAULT_GITIGNORE = "node_modules/\n.iac/\ncdk.out/\ncoverage/\n";
const TEXT = /\.(ts|js|mjs|cjs|json|md|html|css|txt|ya?ml|gitignore)$|^(\.gitignore|gitignore)$/;

export function listTemplates(): TemplateInfo[] {
  const root = templatesDir();
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(root, e.name, "package.json")))
    .map((e) => ({ name: e.name, description: describe(path.join(root, e.name, "package.json")) }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

function describe(manifest: string): string {
  const parsed: unknown = JSON.parse(fs.readFileSync(manifest, "utf8"));
  const description = typeof parsed === "object" && parsed !== null ? Reflect.get(parsed, "description") : undefined;
  return typeof description === "string" ? description : "";
}

/** The folder's name as an npm-style app name: `My App` → `my-app`. */
export function appNameFor(dir: string): string {
  const name = path.basename(path.resolve(dir)).toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "");
  return name || "app";
}

export function initApp(options: { dir: string; template: string; force?: boolean }): InitResult {
  const templates = listTemplates();
  const chosen = templates.find((t) => t.name === options.template);
  if (!chosen) {
    const near = templates.find((t) => t.name.includes(options.template) || options.template.includes(t.name));
    const hint = near ? ` (did you mean "${near.name}"?)` : "";
    throw new LocalAppError(`unknown template "${options.template}"${hint}; templates: ${templates.map((t) => t.name).join(", ")}`);
  }
  const dir = path.resolve(options.dir);
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0 && !options.force) {
    throw new LocalAppError(`${dir} is not empty; choose an empty folder or pass --force to write over it`);
  }
  const name = appNameFor(dir);
  const source = path.join(templatesDir(), chosen.name);
  const files: string[] = [];
  copyTree(source, dir, "", name, files);
  if (!files.includes(".gitignore")) {
    fs.writeFileSync(path.join(dir, ".gitignore"), DEFAULT_GITIGNORE);
    files.push(".gitignore");
  }
  return { dir, name, template: chosen.name, files: files.sort() };
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
