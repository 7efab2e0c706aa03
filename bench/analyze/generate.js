// The bench's generated apps (bench/analyze/run.js), also analysed by the
// binder's differential test (test/analyzer/differential.test.ts).
//
// An app of `files` modules in a fresh temp directory: each registers 5
// routes whose handlers call helpers exported by the next module (which use
// data, storage and events), so the call graph crosses modules. `iac`
// resolves to a small declaration file, as it would from node_modules.
const fs = require("fs");
const os = require("os");
const path = require("path");

const SDK_DTS = `
type Handler = (req: any, res: any, next?: any) => unknown;
export declare const api: { get(path: string, ...h: (Handler | object)[]): any; post(path: string, ...h: (Handler | object)[]): any; use(...h: any[]): void };
export declare const data: { get(key: string, opts?: object): Promise<any>; set(key: string, value: unknown, opts?: object): Promise<any>; remove(key: string): Promise<boolean> };
export declare const storage: { write(path: string, body: unknown): Promise<unknown>; read(path: string): Promise<unknown> };
export declare const events: { publish(name: string, body: unknown): Promise<unknown> };
export declare const params: Record<string, string>;
`;

function generate(files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `iac-bench-${files}-`));
  fs.mkdirSync(path.join(dir, "routes"));
  fs.mkdirSync(path.join(dir, "node_modules", "iac"), { recursive: true });
  fs.writeFileSync(path.join(dir, "node_modules", "iac", "index.d.ts"), SDK_DTS);
  fs.writeFileSync(path.join(dir, "node_modules", "iac", "package.json"), JSON.stringify({ name: "iac", types: "index.d.ts" }));
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: `bench-${files}`, main: "index.ts" }));
  fs.writeFileSync(
    path.join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: { target: "ES2022", module: "commonjs", strict: true, noEmit: true, skipLibCheck: true, types: [] },
      include: ["**/*.ts"],
    }),
  );
  const index = [];
  for (let i = 0; i < files; i++) {
    const next = (i + 1) % files;
    const src = [
      `import { api, data, storage, events, params } from "iac";`,
      `import { load${next}, save${next} } from "./r${next}";`,
      ``,
      `export async function load${i}(id: string): Promise<unknown> {`,
      `  const item = await data.get(\`item${i}:\${id}\`);`,
      `  return item ?? data.get("item${i}:*", { limit: 10 });`,
      `}`,
      ``,
      `export async function save${i}(id: string, body: unknown): Promise<unknown> {`,
      `  await storage.write(\`files${i}/\${id}\`, JSON.stringify(body));`,
      `  await events.publish("saved${i}", { id });`,
      `  return data.set(\`item${i}:\${id}\`, body, { label1: \`owner:\${params.OWNER}\` });`,
      `}`,
      ``,
      `export function setup${i}(): void {`,
      `  api.get("/r${i}/a/:id", async (req, res) => res.json(await load${next}(req.params.id)));`,
      `  api.get("/r${i}/b", async (req, res) => res.json(await load${i}("b")));`,
      `  api.post("/r${i}/c", async (req, res) => res.json(await save${next}("c", req.body)));`,
      `  api.post("/r${i}/d/:id", { timeout: 5000 }, async (req, res) => res.json(await save${i}(req.params.id, req.body)));`,
      `  api.get("/r${i}/e", async (req, res) => { await data.remove("item${i}:e"); res.json({ ok: true }); });`,
      `}`,
      ``,
    ].join("\n");
    fs.writeFileSync(path.join(dir, "routes", `r${i}.ts`), src);
    index.push(`import { setup${i} } from "./routes/r${i}";\nsetup${i}();`);
  }
  fs.writeFileSync(path.join(dir, "index.ts"), `${index.join("\n")}\n`);
  return dir;
}

module.exports = { generate, SDK_DTS };
