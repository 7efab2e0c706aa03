/**
 * Bundling a tiny real app in a temp dir, and the rebuild cache on top of it.
 * The runtime is replaced by a two-file fake (jest.mock of paths.ts) so this
 * tests the bundler's contract, not the runtime: the SDK alias for both
 * module names, app dependencies bundled, `@aws-sdk/*` external, relative
 * source maps, deterministic output, and located errors.
 */
import * as fs from "fs";
import * as path from "path";
import { bundleFunctions } from "../../src/synth/bundle";
import { synthesize } from "../../src/synth";
import { loadGraph, tempDir } from "./helpers";

const fake = tempDir("fake-runtime");
fs.writeFileSync(path.join(fake, "index.js"), "exports.api = { get() { globalThis.FAKE_SDK_MARKER = 1; } };\n");
fs.writeFileSync(path.join(fake, "lambda.js"), 'exports.handler = async () => "FAKE_LAMBDA_MARKER";\nexports.prepareLambda = async () => {};\n');
jest.mock("../../src/synth/paths", () => ({
  runtimeIndexPath: () => path.join(fake, "index.js"),
  runtimeLambdaPath: () => path.join(fake, "lambda.js"),
}));

function writeApp(files: Record<string, string>): string {
  const dir = tempDir("app");
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const APP = {
  "package.json": '{ "name": "hello", "dependencies": { "greeter": "1.0.0" } }\n',
  "index.js": [
    'const { api } = require("iac");',
    'const cloud = require("@serverless/cloud");',
    'const { S3Client } = require("@aws-sdk/client-s3");',
    'const greet = require("greeter");',
    'api.get("/", (req, res) => res.send(greet() + String(cloud.api === api) + typeof S3Client));',
    "",
  ].join("\n"),
  "node_modules/greeter/package.json": '{ "name": "greeter", "main": "index.js" }\n',
  "node_modules/greeter/index.js": 'module.exports = () => "GREETER_MARKER";\n',
};

describe("bundleFunctions", () => {
  test("one build shared by every function: SDK aliased, deps bundled, AWS SDK external, relative maps", async () => {
    const appDir = writeApp(APP);
    const outDir = path.join(appDir, ".iac", "bundles", "qa");
    const r = await bundleFunctions({ appDir, entry: "index.js", functions: ["http", "schedule-rate-1-hour"], outDir });
    expect(r.diagnostics).toEqual([]);
    expect(r.functions.map((f) => f.id)).toEqual(["http", "schedule-rate-1-hour"]);
    // Identical code for every function (dispatch is at run time): one directory, one asset hash.
    expect(new Set(r.functions.map((f) => `${f.dir}:${f.hash}`)).size).toBe(1);
    const js = fs.readFileSync(path.join(outDir, "function", "index.mjs"), "utf8");
    expect(js).toContain("FAKE_SDK_MARKER");
    expect(js).toContain("FAKE_LAMBDA_MARKER");
    expect(js).toContain("GREETER_MARKER");
    // Left to the Lambda image, and loaded through require (sdk-shims.ts), never as an ES import.
    expect(js).toMatch(/\w\("@aws-sdk\/client-s3"\)/);
    expect(js).not.toMatch(/from\s*"@aws-sdk/);
    expect(js).toContain("//# sourceMappingURL=index.mjs.map");
    const map = JSON.parse(fs.readFileSync(path.join(outDir, "function", "index.mjs.map"), "utf8"));
    expect(map.sources.some((s: string) => s.endsWith("index.js"))).toBe(true);
    for (const s of map.sources) expect(path.isAbsolute(s)).toBe(false);
    expect(r.functions[0].bytes).toBe(Buffer.byteLength(js));
  });

  test("error pages and the http.on(404) file ride in the bundle's static/ and in its hash", async () => {
    const appDir = writeApp({ ...APP, "static/404.html": "<h1>lost</h1>", "static/app.html": "<h1>spa</h1>" });
    const outDir = path.join(appDir, "out");
    const plain = await bundleFunctions({ appDir, entry: "index.js", functions: ["http"], outDir });
    expect(fs.existsSync(path.join(outDir, "function", "static"))).toBe(false);
    const withPages = await bundleFunctions({ appDir, entry: "index.js", functions: ["http"], outDir, pages: ["404.html", "500.html", "app.html"] });
    expect(fs.readFileSync(path.join(outDir, "function", "static", "404.html"), "utf8")).toBe("<h1>lost</h1>");
    expect(fs.readFileSync(path.join(outDir, "function", "static", "app.html"), "utf8")).toBe("<h1>spa</h1>");
    // 500.html does not exist in the app: nothing is invented.
    expect(fs.existsSync(path.join(outDir, "function", "static", "500.html"))).toBe(false);
    expect(withPages.functions[0].hash).not.toBe(plain.functions[0].hash);
    fs.writeFileSync(path.join(appDir, "static", "404.html"), "<h1>gone</h1>");
    const edited = await bundleFunctions({ appDir, entry: "index.js", functions: ["http"], outDir, pages: ["404.html", "500.html", "app.html"] });
    expect(edited.functions[0].hash).not.toBe(withPages.functions[0].hash);
  });

  test("deterministic: the same app bundles to the same hash", async () => {
    const appDir = writeApp(APP);
    // Two fresh output dirs (siblings, so relative map paths agree): two real esbuild runs.
    const a = await bundleFunctions({ appDir, entry: "index.js", functions: ["http"], outDir: path.join(appDir, "out-a") });
    const b = await bundleFunctions({ appDir, entry: "index.js", functions: ["http"], outDir: path.join(appDir, "out-b") });
    expect(b.functions[0].hash).toBe(a.functions[0].hash);
  });

  test("unchanged inputs reuse the previous bundle; an edit anywhere in it (even a dependency) rebuilds", async () => {
    const appDir = writeApp(APP);
    const req = { appDir, entry: "index.js", functions: ["http"], outDir: path.join(appDir, "out") };
    const first = await bundleFunctions(req);
    const js = path.join(req.outDir, "function", "index.mjs");
    const stamp = fs.statSync(js).mtimeMs;
    await new Promise((r) => setTimeout(r, 20));
    const again = await bundleFunctions(req);
    expect(again.functions).toEqual(first.functions);
    expect(fs.statSync(js).mtimeMs).toBe(stamp);
    fs.writeFileSync(path.join(appDir, "node_modules/greeter/index.js"), 'module.exports = () => "GREETER_V2";\n');
    const edited = await bundleFunctions(req);
    expect(edited.functions[0].hash).not.toBe(first.functions[0].hash);
    expect(fs.readFileSync(js, "utf8")).toContain("GREETER_V2");
  });

  test("errors become IAC7001 diagnostics at the app's file:line:col", async () => {
    const appDir = writeApp({
      "index.js": 'require("./src/broken");\n',
      "src/broken.js": "const ok = 1;\nconst x = ;\n",
    });
    const r = await bundleFunctions({ appDir, entry: "index.js", functions: ["http"], outDir: path.join(appDir, "out") });
    expect(r.functions).toEqual([]);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: "IAC7001", severity: "error", location: { file: "src/broken.js", line: 2, column: 11 } });
  });

  test("an unresolvable import is located where it is written", async () => {
    const appDir = writeApp({ "index.js": 'const x = 1;\nrequire("not-installed");\n' });
    const r = await bundleFunctions({ appDir, entry: "index.js", functions: ["http"], outDir: path.join(appDir, "out") });
    expect(r.diagnostics[0]).toMatchObject({ code: "IAC7001", location: { file: "index.js", line: 2 } });
  });
});

describe("synthesize with bundling, and the rebuild cache", () => {
  test("assets from bundles; an unchanged rebuild reuses the assembly; a code edit does not", async () => {
    const appDir = writeApp(APP);
    const graph = loadGraph("minimal-api");
    const outDir = path.join(appDir, "cdk.out");
    const options = { appDir, stage: "qa", ephemeral: false, outDir };

    const first = await synthesize(graph, options);
    expect(first.diagnostics).toEqual([]);
    expect(first.cached).toBe(false);
    expect(first.functions[0].bundleBytes).toBeGreaterThan(0);
    const template = fs.readFileSync(first.templatePath, "utf8");
    const fn = Object.values(JSON.parse(template).Resources).find((r: any) => r.Type === "AWS::Lambda::Function") as any;
    expect(fn.Properties.Code.S3Key).toMatch(/^[0-9a-f]{64}\.zip$/);

    const again = await synthesize(graph, options);
    expect(again.cached).toBe(true);
    expect(again.functions).toEqual(first.functions);
    expect(fs.readFileSync(again.templatePath, "utf8")).toBe(template);

    // Any change that reaches the bundle re-synthesizes (new asset hash in the template).
    fs.appendFileSync(path.join(appDir, "index.js"), 'api.get("/x", (req, res) => res.send("x"));\n');
    const edited = await synthesize(graph, options);
    expect(edited.cached).toBe(false);
    expect(fs.readFileSync(edited.templatePath, "utf8")).not.toBe(template);
    // The old bundle's asset is pruned from the reused assembly dir.
    const bundles = fs.readdirSync(outDir).filter((e) => e.startsWith("asset.") && fs.existsSync(path.join(outDir, e, "index.mjs")));
    expect(bundles).toHaveLength(1);

    // So does a changed option.
    expect((await synthesize(graph, { ...options, ephemeral: true })).cached).toBe(false);
  });

  test("a bundling error writes nothing and returns the located diagnostic", async () => {
    const appDir = writeApp({ "index.js": "const x = ;\n" });
    const outDir = path.join(appDir, "cdk.out");
    const r = await synthesize(loadGraph("minimal-api"), { appDir, stage: "qa", ephemeral: false, outDir });
    expect(r.diagnostics.map((d) => d.code)).toEqual(["IAC7001"]);
    expect(fs.existsSync(outDir)).toBe(false);
  });

  test("refuses to clear an output dir that is not an assembly", async () => {
    const appDir = writeApp(APP);
    const outDir = path.join(appDir, "src");
    fs.mkdirSync(outDir);
    fs.writeFileSync(path.join(outDir, "precious.txt"), "keep me");
    const r = await synthesize(loadGraph("minimal-api"), { appDir, stage: "qa", ephemeral: false, outDir, bundle: false });
    expect(r.diagnostics.map((d) => d.code)).toEqual(["IAC7007"]);
    expect(fs.readFileSync(path.join(outDir, "precious.txt"), "utf8")).toBe("keep me");
  });
});
