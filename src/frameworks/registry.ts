/**
 * The frameworks iac knows, one file each, and how an app is recognised:
 * its package.json names the framework's package (dependencies or
 * devDependencies) and it opted in (Next.js: `withCloud` in its config), or
 * it has a `cloud:build` script (run, with no output deployed, when no
 * served framework applies: a static export keeps working as before).
 */
import * as fs from "fs";
import * as path from "path";
import { nextjs } from "./nextjs";
import { astro } from "./astro";
import { remixClassic } from "./not-served";
import { remix } from "./remix";
import { sveltekit } from "./sveltekit";
import type { Framework } from "./types";

export const FRAMEWORKS: readonly Framework[] = [nextjs, astro, sveltekit, remix, remixClassic];

export interface DetectedFramework {
  /** Undefined: the app has a `cloud:build` script but names no framework iac knows. */
  framework?: Framework;
  /** The app's own script for the build (`cloud:build`), run instead of the framework's default. */
  buildScript?: string;
  /** The app's own dev server (`cloud:dev`). */
  devScript?: string;
  /** package.json's text, for locations. */
  packageJson: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The framework an app uses, or undefined for a plain SDK app (also when package.json is missing or unreadable: the analyzer reports that). */
export function detectFramework(appDir: string): DetectedFramework | undefined {
  let text: string;
  let parsed: unknown;
  try {
    text = fs.readFileSync(path.join(appDir, "package.json"), "utf8");
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(parsed)) return undefined;
  const names = new Set<string>();
  for (const field of ["dependencies", "devDependencies"]) {
    const deps = parsed[field];
    if (isRecord(deps)) for (const name of Object.keys(deps)) names.add(name);
  }
  const scripts = isRecord(parsed.scripts) ? parsed.scripts : {};
  const buildScript = typeof scripts["cloud:build"] === "string" ? scripts["cloud:build"] : undefined;
  const devScript = typeof scripts["cloud:dev"] === "string" ? scripts["cloud:dev"] : undefined;
  // Not opted in (no withCloud): the app is built as it was before iac served frameworks.
  const framework = FRAMEWORKS.find((f) => names.has(f.packageName) && f.optedIn(appDir));
  if (!framework && buildScript === undefined) return undefined;
  return { framework, buildScript, devScript, packageJson: text };
}

/** 1-based line of the first occurrence of `needle` in package.json (a script or a dependency), else 1. */
export function packageJsonLine(text: string, needle: string): number {
  const at = text.indexOf(needle);
  return at < 0 ? 1 : text.slice(0, at).split("\n").length;
}
