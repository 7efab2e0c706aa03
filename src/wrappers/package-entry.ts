/**
 * Where a framework adapter's ES module entry is, for the wrappers that
 * import one at build time (svelte.ts: adapter-node; astro.ts:
 * `@astrojs/node`). Found by hand, from the app's folder up: those packages
 * export only an `import` condition, which `require.resolve` does not take,
 * and the wrappers are CommonJS.
 */
import * as fs from "fs";
import * as path from "path";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `name`'s entry (its exports' `"."` import or default, else `fallback`) under the first node_modules above `from` that holds it; undefined when it is not installed. */
export function findPackageEntry(from: string, name: string, fallback: string): string | undefined {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const pkgDir = path.join(dir, "node_modules", ...name.split("/"));
    const manifest = path.join(pkgDir, "package.json");
    if (fs.existsSync(manifest)) {
      const parsed: unknown = JSON.parse(fs.readFileSync(manifest, "utf8"));
      const exported = isRecord(parsed) && isRecord(parsed.exports) ? parsed.exports["."] : undefined;
      const entry = isRecord(exported) ? (exported.import ?? exported.default) : exported;
      return path.join(pkgDir, typeof entry === "string" ? entry : fallback);
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}
