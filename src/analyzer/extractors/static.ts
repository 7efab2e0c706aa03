/**
 * Files under `static/`, served from the app URL: path, size and sha256
 * (deploy invalidation and diff). Hidden files (`.DS_Store`, `.gitkeep`) are
 * not served. Not an SDK interface; it reads the disk, not the code.
 *
 * Codes: IAC5011 a static file cannot be read.
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import type { StaticFile, StaticResource } from "../../graph";
import type { ExtractContext, Extractor } from "../context";
import { ANALYZER_CODES } from "../codes";

function listFiles(root: string, rel: string, out: string[]): void {
  const entries = fs.readdirSync(path.join(root, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith(".")) continue;
    const child = rel === "" ? e.name : `${rel}/${e.name}`;
    if (e.isDirectory()) listFiles(root, child, out);
    else if (e.isFile()) out.push(child);
  }
}

export function staticFiles(dir: string, ctx: ExtractContext): StaticResource | undefined {
  const root = path.join(dir, "static");
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) return undefined;
  const names: string[] = [];
  listFiles(root, "", names);
  const files: StaticFile[] = [];
  for (const name of names) {
    try {
      const content = fs.readFileSync(path.join(root, name));
      files.push({ path: name, size: content.length, sha256: createHash("sha256").update(content).digest("hex") });
    } catch (e) {
      ctx.diagnostics.push({
        code: ANALYZER_CODES.staticFileUnreadable,
        severity: "error",
        message: `cannot read static/${name}: ${e instanceof Error ? e.message : String(e)}`,
        location: { file: `static/${name}`, line: 1, column: 1 },
      });
    }
  }
  if (files.length === 0) return undefined;
  return { kind: "static", id: "static", location: { file: "static", line: 1, column: 1 }, files };
}

export function createStaticExtractor(): Extractor {
  return {
    area: "static",
    isRegistration: () => false,
    resources: (ctx) => {
      const r = staticFiles(ctx.dir, ctx);
      return r ? [r] : [];
    },
  };
}
