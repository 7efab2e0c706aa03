/**
 * `withCloud(nextConfig)`: what a Next.js app needs to run in iac's HTTP
 * function, and nothing an app must change. Imported from next.config.js
 * as `iac/nextjs` or `@serverless/cloud/nextjs` (package.json `exports`).
 *
 * - `output: "standalone"`: `next build` traces the server's own
 *   node_modules into `.next/standalone`, which ships beside the HTTP
 *   function (src/frameworks/nextjs.ts);
 * - the SDK packages (`iac`, `@serverless/cloud`, and `iac-compiler`, the
 *   name in the installed package.json under either alias) are listed as
 *   external to the server's bundles (`serverExternalPackages`, or its
 *   experimental name before Next 15), so server code `require`s the SDK at
 *   run time and the HTTP function answers with its own configured
 *   instance. Where the bundler includes a copy anyway (Turbopack in Next 16
 *   did), that copy answers with the same instance (src/runtime/shared.ts):
 *   `data`, `storage` and `params` inside pages are the app's, as in its
 *   `api` routes. Next 12 keeps node_modules external on its own.
 *
 * No iac imports: Next loads this file with its own config loader, outside
 * any iac process (dist/wrappers/nextjs.js, CommonJS).
 */

import * as fs from "fs";

type NextConfig = Record<string, unknown>;
type ConfigFunction = (phase: string, context: unknown) => NextConfig | Promise<NextConfig>;

// Under either npm alias the installed package.json still says `iac-compiler`, a name a bundler may match by.
const SDK_PACKAGES = ["iac", "@serverless/cloud", "iac-compiler"];

/** The installed Next.js major, read from the app folder Next runs in; undefined when it cannot be read. */
function nextMajor(): number | undefined {
  try {
    const file = require.resolve("next/package.json", { paths: [process.cwd()] });
    const parsed: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
    const version = typeof parsed === "object" && parsed !== null && "version" in parsed ? String(parsed.version) : "";
    const major = Number.parseInt(version, 10);
    return Number.isFinite(major) ? major : undefined;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is NextConfig {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function withExternals(list: unknown): string[] {
  const given = Array.isArray(list) ? list.filter((x): x is string => typeof x === "string") : [];
  return [...given, ...SDK_PACKAGES.filter((p) => !given.includes(p))];
}

function applyCloud(config: NextConfig, major: number | undefined): NextConfig {
  const out: NextConfig = { ...config, output: "standalone" };
  if (major !== undefined && major >= 15) {
    out.serverExternalPackages = withExternals(config.serverExternalPackages);
  } else if (major !== undefined && major >= 13) {
    const experimental: NextConfig = isRecord(config.experimental) ? { ...config.experimental } : {};
    experimental.serverComponentsExternalPackages = withExternals(experimental.serverComponentsExternalPackages);
    out.experimental = experimental;
  }
  return out;
}

/** Wraps a Next.js config (an object, or a function of the phase) for iac's HTTP function. */
export function withCloud(config: NextConfig | ConfigFunction = {}): NextConfig | ConfigFunction {
  const major = nextMajor();
  if (typeof config === "function") {
    return async (phase: string, context: unknown) => applyCloud(await config(phase, context), major);
  }
  return applyCloud(config, major);
}

export default withCloud;
