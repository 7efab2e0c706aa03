/**
 * Params of a local stage. Deployed stages keep params in SSM; a local
 * instance reads them from `<app>/.iac/<stage>/params.json` (a flat
 * `{ "NAME": "value" }` object) and from `IAC_PARAM_<NAME>` environment
 * variables, which win (handy in CI). The reserved names are always set.
 */
import * as fs from "fs";
import * as path from "path";
import { LocalAppError, stageDir } from "./app";

export interface LocalParamsInput {
  appDir: string;
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
    const parsed: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new LocalAppError(`${file}: expected an object of param names to string values`);
    for (const [name, value] of Object.entries(parsed)) {
      if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") values[name] = String(value);
    }
  }
  for (const [name, value] of Object.entries(env)) {
    if (name.startsWith("IAC_PARAM_") && value !== undefined) values[name.slice("IAC_PARAM_".length)] = value;
  }
  values.APP_NAME = input.appName;
  values.INSTANCE_NAME = input.stage;
  if (input.url) values.CLOUD_URL = input.url;
  return values;
}
