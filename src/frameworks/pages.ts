/**
 * What iac's analysis does not read: a framework's pages. The analyzer
 * follows the app's entry (index.js) and what it imports; pages, server
 * components and route handlers are loaded by the framework instead, so an
 * SDK call made only there grants the HTTP function nothing (no table, no
 * bucket, no params). This check reads the framework's page folders for
 * imports of the SDK and, for each of `data`, `storage`, `events` and
 * `params` that a page imports while the HTTP function's analysed code
 * never uses it, warns (IAC7506) at the import: the page would fail on
 * Lambda for want of the resource or the permission.
 */
import * as fs from "fs";
import * as path from "path";
import { usagesOf, type AppGraph, type Diagnostic } from "../graph";
import { FRAMEWORK_CODES } from "./codes";
import type { Framework } from "./types";

const AREAS = ["data", "storage", "events", "params"] as const;
type Area = (typeof AREAS)[number];
const SOURCE = /\.(?:[cm]?[jt]sx?)$/;
const SKIPPED = new Set(["node_modules", ".next", ".iac", "cdk.out", ".git"]);
const SDK = `["'](?:@serverless/cloud|iac)["']`;
/** `import { data, params as p } from "@serverless/cloud"` and `const { data } = require("@serverless/cloud")`. */
const IMPORTS = [new RegExp(`import\\s*\\{([^}]*)\\}\\s*from\\s*${SDK}`, "g"), new RegExp(`\\{([^}]*)\\}\\s*=\\s*require\\(\\s*${SDK}\\s*\\)`, "g")];

export function unanalysedPageUse(appDir: string, graph: AppGraph, framework: Framework): Diagnostic[] {
  const http = graph.functions.find((f) => f.kind === "http");
  const used = new Set<string>(http ? usagesOf(graph, http).map((u) => u.resource) : []);
  const found: Diagnostic[] = [];
  for (const dir of framework.pageDirs) {
    for (const file of sourceFiles(appDir, dir)) {
      const text = fs.readFileSync(path.join(appDir, file), "utf8");
      for (const pattern of IMPORTS) {
        for (const match of text.matchAll(pattern)) {
          const names = match[1].split(",").map((n) => n.trim().split(/\s+as\s+|\s*:\s*/)[0]);
          for (const area of AREAS.filter((a: Area) => names.includes(a) && !used.has(a))) {
            const before = text.slice(0, match.index).split("\n");
            found.push({
              code: FRAMEWORK_CODES.pageSdkUnanalysed,
              severity: "warning",
              message: `${file} uses \`${area}\`, but iac's analysis reads the app's entry and what it imports, not ${framework.title}'s pages: the HTTP function gets no ${area} access from this use`,
              location: { file, line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 },
              hint: `Use \`${area}\` in the app's SDK part too (a route or module the entry imports), so the HTTP function is granted it; docs/frameworks.md.`,
            });
          }
        }
      }
    }
  }
  return found;
}

/** Source files under `dir` (relative to the app, POSIX), sorted. */
function sourceFiles(appDir: string, dir: string): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(path.join(appDir, dir), { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (SKIPPED.has(e.name)) continue;
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) out.push(...sourceFiles(appDir, rel));
    else if (e.isFile() && SOURCE.test(e.name)) out.push(rel);
  }
  return out;
}
