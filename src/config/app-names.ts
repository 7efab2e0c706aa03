/**
 * Who the app is, as the reserved params say it, with one rule for every
 * place that sets them (synth for deployed functions, the local instance
 * for `iac dev` and `iac test`), so an app reads the same names everywhere.
 *
 * `appName` (`params.APP_NAME`, `IAC_APP`): `package.json` `name` without
 * its npm scope, else the folder's name, in `[a-z0-9-]`.
 *
 * `appOrg` (`params.ORG_NAME`, `IAC_ORG`), the owner, first match wins:
 *   1. `package.json` `"iac": { "org": "<name>" }`;
 *   2. the npm scope of `package.json` `name` (`@acme/shop` is `acme`);
 *   3. the app's name (an app without an owner of its own owns itself).
 * Reads `package.json` only; never throws for a missing or unreadable one.
 */
import * as fs from "fs";
import * as path from "path";

export function appName(pkgName: unknown, dir: string): string {
  const raw = typeof pkgName === "string" && pkgName.length > 0 ? pkgName.replace(/^@[^/]+\//, "") : path.basename(path.resolve(dir));
  const name = raw
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return name.length > 0 ? name : "app";
}

export function appOrg(appDir: string, name: string): string {
  const manifest = readManifest(path.join(appDir, "package.json"));
  const configured = isObject(manifest?.iac) ? manifest.iac.org : undefined;
  if (typeof configured === "string" && configured.trim() !== "") return configured.trim();
  const pkgName = manifest?.name;
  const scope = typeof pkgName === "string" ? /^@([^/]+)\//.exec(pkgName)?.[1] : undefined;
  return scope ?? name;
}

function readManifest(file: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
