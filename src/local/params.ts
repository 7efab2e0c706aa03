/**
 * Params of a local stage. Deployed stages keep params in SSM; a local
 * instance reads them from `<app>/.iac/<stage>/params.json` (a flat
 * `{ "NAME": "value" }` object) and from `IAC_PARAM_<NAME>` environment
 * variables, which win (handy in CI). The reserved names are always set,
 * by the rules deployed stages follow (src/config/app-names.ts).
 */
import * as fs from "fs";
import * as path from "path";
import { appName, appOrg } from "../config/app-names";
import { LocalAppError, stageDir } from "./app";

export interface LocalParamsInput {
  appDir: string;
  /** package.json `name` (or the folder's): APP_NAME is made of it as `iac build` makes it. */
  appName: string;
  stage: string;
  url?: string;
}

export function localParamsFile(appDir: string, stage: string): string {
  return path.join(stageDir(appDir, stage), "params.json");
}

export function readLocalParams(input: LocalParamsInput, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const values: Record<string, string> = {};
  const file = localParamsFile(input.appDir, input.stage);
  if (fs.existsSync(file)) {
    for (const [name, value] of Object.entries(readParamsObject(file))) {
      if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") values[name] = String(value);
    }
  }
  for (const [name, value] of Object.entries(env)) {
    if (name.startsWith("IAC_PARAM_") && value !== undefined) values[name.slice("IAC_PARAM_".length)] = value;
  }
  values.APP_NAME = appName(input.appName, input.appDir);
  values.INSTANCE_NAME = input.stage;
  values.ORG_NAME = appOrg(input.appDir, values.APP_NAME);
  if (input.url) values.CLOUD_URL = input.url;
  return values;
}

/** Key in params.json listing names set with `--secret` (the reader skips non-string values). */
const SECRET_NAMES = "$secret";

/** The params file as an object; a file that is not one is the user's to fix (exit 1), said with its path. */
function readParamsObject(file: string): Record<string, unknown> {
  if (!fs.existsSync(file)) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new LocalAppError(
      `${file} is not valid JSON (${error instanceof Error ? error.message : String(error)}); fix it or set params with iac params set --local`,
    );
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    throw new LocalAppError(`${file}: expected an object of param names to string values`);
  return { ...parsed };
}

/** `iac params set --local`: writes `.iac/<stage>/params.json` atomically (temp file + rename). */
export function writeLocalParam(appDir: string, stage: string, name: string, value: string, secret: boolean): string {
  return updateLocalParams(appDir, stage, (params, secrets) => {
    params[name] = value;
    if (secret) secrets.add(name);
    else secrets.delete(name);
  });
}

/** Removes `name` from `.iac/<stage>/params.json` (the dashboard's unset); false when it was not there. */
export function removeLocalParam(appDir: string, stage: string, name: string): boolean {
  const file = localParamsFile(appDir, stage);
  if (!Object.prototype.hasOwnProperty.call(readParamsObject(file), name) || name === SECRET_NAMES) return false;
  updateLocalParams(appDir, stage, (params, secrets) => {
    delete params[name];
    secrets.delete(name);
  });
  return true;
}

function updateLocalParams(appDir: string, stage: string, change: (params: Record<string, unknown>, secrets: Set<string>) => void): string {
  const file = localParamsFile(appDir, stage);
  const params = readParamsObject(file);
  const secrets = new Set(Array.isArray(params[SECRET_NAMES]) ? params[SECRET_NAMES].filter((n): n is string => typeof n === "string") : []);
  change(params, secrets);
  if (secrets.size > 0) params[SECRET_NAMES] = [...secrets].sort();
  else delete params[SECRET_NAMES];
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(params, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
  return file;
}

/** `iac params list --local`: names with values, except those set with `--secret`. */
export function listLocalParams(appDir: string, stage: string): { name: string; value?: string; secret: boolean }[] {
  const params = readParamsObject(localParamsFile(appDir, stage));
  const secrets = new Set(Array.isArray(params[SECRET_NAMES]) ? params[SECRET_NAMES] : []);
  return Object.entries(params)
    .filter((entry): entry is [string, string] => entry[0] !== SECRET_NAMES && typeof entry[1] === "string")
    .map(([name, value]) => (secrets.has(name) ? { name, secret: true } : { name, value, secret: false }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}
