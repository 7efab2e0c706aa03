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
import { usagesOf, type AppGraph, type Diagnostic, type Usage } from "../graph";
import { FRAMEWORK_CODES } from "./codes";
import type { Framework } from "./types";

const AREAS = ["data", "storage", "events", "params"] as const;
type Area = (typeof AREAS)[number];
// Astro's and Svelte's components import in their frontmatter or script block, read as any module.
const SOURCE = /\.(?:[cm]?[jt]sx?|astro|svelte)$/;
const SKIPPED = new Set(["node_modules", ".next", ".iac", "cdk.out", ".git"]);
const SDK = `["'](?:@serverless/cloud|iac)["']`;
/** `import { data, params as p } from "@serverless/cloud"` and `const { data } = require("@serverless/cloud")`. */
const IMPORTS = [new RegExp(`import\\s*\\{([^}]*)\\}\\s*from\\s*${SDK}`, "g"), new RegExp(`\\{([^}]*)\\}\\s*=\\s*require\\(\\s*${SDK}\\s*\\)`, "g")];

export function unanalysedPageUse(appDir: string, graph: AppGraph, framework: Framework): Diagnostic[] {
  const http = graph.functions.find((f) => f.kind === "http");
  const usages = http ? usagesOf(graph, http) : [];
  const used = new Set<string>(usages.map((u) => u.resource));
  const collections = grantedCollections(usages);
  const found: Diagnostic[] = [];
  for (const dir of framework.pageDirs) {
    for (const file of sourceFiles(appDir, dir)) {
      const text = fs.readFileSync(path.join(appDir, file), "utf8");
      for (const pattern of IMPORTS) {
        for (const match of text.matchAll(pattern)) {
          const names = match[1].split(",").map((n) => n.trim().split(/\s+as\s+|\s*:\s*/)[0]);
          const local = localNames(match[1]);
          const dataName = local.get("data");
          if (dataName && used.has("data") && collections) found.push(...outsideCollections(text, file, dataName, collections, framework));
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

/** `{ data, params as p }` (or `{ data: d }`): each imported name to its local name. */
function localNames(list: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const part of list.split(",")) {
    const [imported, local] = part.trim().split(/\s+as\s+|\s*:\s*/);
    if (imported) names.set(imported, local ?? imported);
  }
  return names;
}

/**
 * The collections the HTTP function's data grants are narrowed to (IAM's
 * `dynamodb:LeadingKeys`, synth's iam.ts), or undefined when some usage's
 * keys are unknown and nothing is narrowed.
 */
function grantedCollections(usages: readonly Usage[]): Set<string> | undefined {
  const granted = new Set<string>();
  for (const u of usages) {
    if (u.resource !== "data") continue;
    const known = u.scope.collections;
    if (!known || known.length === 0) return undefined;
    for (const c of known) granted.add(c);
  }
  return granted;
}

/** `data.get("item:...")` and the like in a page, on a collection the granted ones do not include. */
function outsideCollections(text: string, file: string, dataName: string, granted: Set<string>, framework: Framework): Diagnostic[] {
  const out: Diagnostic[] = [];
  const call = new RegExp(`\\b${dataName.replace(/[$]/g, "\\$&")}\\s*\\.\\s*\\w+\\(\\s*["'\`]([A-Za-z0-9_.-]*):`, "g");
  for (const m of text.matchAll(call)) {
    const collection = m[1];
    if (granted.has(collection)) continue;
    const before = text.slice(0, m.index).split("\n");
    out.push({
      code: FRAMEWORK_CODES.pageSdkUnanalysed,
      severity: "warning",
      message: `${file} uses the data collection \`${collection}\`, which the app's analysed code never touches: the HTTP function's IAM allows only ${[
        ...granted,
      ]
        .sort()
        .map((c) => `\`${c}\``)
        .join(", ")} (${framework.title}'s pages are not analysed)`,
      location: { file, line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 },
      hint: `Touch \`${collection}:\` keys in the app's SDK part too (a route or module the entry imports); docs/frameworks.md.`,
    });
  }
  return out;
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
