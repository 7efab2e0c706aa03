// Generates an app of N source files for the dev-reload bench: an entry
// (index.ts) that imports N/2 route modules (routes/rI.ts, each registering
// one route whose handler calls a helper) and N/2 helper modules (lib/hI.ts,
// each calling `data`, some through a label index), plus one route module
// when N is even; every module imports the SDK from "iac". routes/r0.ts also serves GET /probe, the route the bench
// edits: `probeSource(rev, computed)` is its text at each revision, with a
// computed route (error IAC1001) when `computed` is true.
//
//   node bench/dev-reload/app.js <dir> [files]    writes the app into <dir>
const fs = require("fs");
const path = require("path");

function routeSource(i) {
  return [
    `import { api } from "iac";`,
    `import { load${i}, save${i} } from "../lib/h${i}";`,
    ``,
    `api.get("/r${i}/:id", async (req, res) => {`,
    `  res.json(await load${i}(req.params.id));`,
    `});`,
    ``,
    `api.post("/r${i}/:id", async (req, res) => {`,
    `  res.json(await save${i}(req.params.id, req.body ?? {}));`,
    `});`,
    ``,
  ].join("\n");
}

function helperSource(i) {
  const label =
    i % 10 === 0
      ? `\n  const { items } = await data.getByLabel("label1", \`owner${i}:*\`);\n  return { item, related: items.length };`
      : "\n  return { item };";
  return [
    `import { data } from "iac";`,
    ``,
    `export interface Item${i} { id: string; name?: string; updated?: string }`,
    ``,
    `export async function load${i}(id: string): Promise<unknown> {`,
    `  const item = await data.get<Item${i}>(\`item${i}:\${id}\`);${label}`,
    `}`,
    ``,
    `export async function save${i}(id: string, body: Partial<Item${i}>): Promise<unknown> {`,
    `  const value: Item${i} = { id, name: String(body.name ?? ""), updated: new Date().toISOString() };`,
    `  return data.set(\`item${i}:\${id}\`, value${i % 10 === 0 ? `, { label1: \`owner${i}:\${id}\` }` : ""});`,
    `}`,
    ``,
  ].join("\n");
}

/** routes/r0.ts at revision `rev`; with `computed`, it also registers a route at a computed path (IAC1001). */
function probeSource(rev, computed) {
  const lines = [routeSource(0), `api.get("/probe", (req, res) => {`, `  res.json({ rev: ${rev} });`, `});`, ``];
  if (computed) lines.push(`const where = process.env.BENCH_ROUTE ?? "/computed-${rev}";`, `api.get(where, (req, res) => res.json({ rev: ${rev} }));`, ``);
  return lines.join("\n");
}

/** Writes an app of `files` source files (at least 3: the entry, route modules, helpers) into `dir`. */
function generateApp(dir, files = 200) {
  const pairs = Math.max(1, Math.floor((files - 1) / 2));
  fs.mkdirSync(path.join(dir, "routes"), { recursive: true });
  fs.mkdirSync(path.join(dir, "lib"), { recursive: true });
  fs.writeFileSync(path.join(dir, "package.json"), `${JSON.stringify({ name: `dev-bench-${files}`, main: "index.ts" }, null, 2)}\n`);
  fs.writeFileSync(
    path.join(dir, "tsconfig.json"),
    `${JSON.stringify({ compilerOptions: { target: "ES2022", module: "commonjs", strict: true, esModuleInterop: true, skipLibCheck: true } }, null, 2)}\n`,
  );
  const index = [];
  for (let i = 0; i < pairs; i++) {
    fs.writeFileSync(path.join(dir, "routes", `r${i}.ts`), i === 0 ? probeSource(0, false) : routeSource(i));
    fs.writeFileSync(path.join(dir, "lib", `h${i}.ts`), helperSource(i));
    index.push(`import "./routes/r${i}";`);
  }
  // An even count: one more route module, calling the SDK itself.
  const extra = files - 1 - 2 * pairs > 0 ? 1 : 0;
  if (extra) {
    fs.writeFileSync(
      path.join(dir, "routes", "extra.ts"),
      `import { api, data } from "iac";\n\napi.get("/extra/:id", async (req, res) => {\n  res.json(await data.get(\`extra:\${req.params.id}\`));\n});\n`,
    );
    index.push(`import "./routes/extra";`);
  }
  fs.writeFileSync(path.join(dir, "index.ts"), `${index.join("\n")}\n`);
  // Written a minute ago, as a project's files were before the session began: iac dev trusts an
  // unchanged file by its signature only once it is older than any file system's time granularity.
  const before = new Date(Date.now() - 60_000);
  for (const sub of ["", "routes", "lib"]) {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      if (entry.isFile()) fs.utimesSync(path.join(dir, sub, entry.name), before, before);
    }
  }
  return { dir, probe: path.join(dir, "routes", "r0.ts"), files: 1 + 2 * pairs + extra };
}

module.exports = { generateApp, probeSource };

if (require.main === module) {
  const dir = process.argv[2];
  if (!dir) {
    console.error("usage: node bench/dev-reload/app.js <dir> [files]");
    process.exit(1);
  }
  const { files } = generateApp(path.resolve(dir), Number(process.argv[3] ?? 200));
  console.log(`wrote ${files} source files to ${dir}`);
}
