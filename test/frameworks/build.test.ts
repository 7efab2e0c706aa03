/**
 * The framework build step (src/frameworks/build.ts) on small apps whose
 * "framework" is a script: a failing build is located at its script with
 * its output, a build that leaves no standalone server says so, an
 * unresolvable wrapper import is located in next.config.js, a framework not
 * served yet warns and the app's API still builds, and unchanged inputs
 * skip the build. The wrapper (`withCloud`) against the installed Next.js
 * majors of test/frameworks/apps.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { analyze, build } from "../../src/compiler";
import { buildFramework } from "../../src/frameworks/build";
import { nextjs } from "../../src/frameworks/nextjs";
import { unanalysedPageUse } from "../../src/frameworks/pages";
import { withCloud } from "../../src/wrappers/nextjs";
import { frameworkApp } from "../support/frameworks";

const made: string[] = [];
afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

function app(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iac-framework-build-"));
  made.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text, { mode: rel.includes(".bin/") ? 0o755 : 0o644 });
  }
  return dir;
}

const API = 'const { api } = require("@serverless/cloud");\napi.get("/api/ping", (req, res) => res.json({ ok: true }));\n';

test("a failing cloud:build is IAC7501 at its script in package.json, with the script's output", async () => {
  const dir = app({
    "package.json":
      '{\n  "name": "broken",\n  "scripts": {\n    "cloud:build": "echo compiling pages; echo boom: pages/index.js >&2; exit 3"\n  },\n  "dependencies": { "next": "16.5.0" }\n}\n',
    "index.js": API,
  });
  const result = await buildFramework(dir);
  expect(result.diagnostics).toHaveLength(1);
  const [d] = result.diagnostics;
  expect({ code: d.code, severity: d.severity, location: d.location }).toEqual({
    code: "IAC7501",
    severity: "error",
    location: { file: "package.json", line: 4, column: 1 },
  });
  expect(d.message).toContain("exit 3");
  expect(d.message).toContain("compiling pages");
  expect(d.message).toContain("boom: pages/index.js");
});

test("a Next.js build that leaves no standalone server is IAC7502, naming withCloud", async () => {
  const dir = app({
    "package.json": '{ "name": "plain-next", "dependencies": { "next": "16.5.0" } }\n',
    "next.config.js": 'module.exports = require("@serverless/cloud/nextjs").withCloud({ output: "export" });\n',
    "node_modules/@serverless/cloud/package.json": '{ "name": "iac-compiler" }\n',
    "node_modules/@serverless/cloud/nextjs.js": "exports.withCloud = (config) => config;\n",
    "node_modules/.bin/next": "#!/bin/sh\nmkdir -p .next/static\necho built without output: standalone\n",
    "index.js": API,
  });
  const result = await buildFramework(dir);
  expect(result.diagnostics.map((d) => [d.code, d.location?.file])).toEqual([["IAC7502", "package.json"]]);
  expect(result.diagnostics[0].hint).toContain("withCloud");
  expect(result.output).toBeUndefined();
});

test("an import of @serverless/cloud/nextjs that does not resolve is IAC7505 where next.config.js makes it", async () => {
  const dir = app({
    "package.json": '{ "name": "no-sdk", "dependencies": { "next": "16.5.0" } }\n',
    "next.config.js": '// config\nconst { withCloud } = require("@serverless/cloud/nextjs");\nmodule.exports = withCloud({});\n',
    "index.js": API,
  });
  const result = await buildFramework(dir);
  expect(result.diagnostics.map((d) => [d.code, d.location])).toEqual([["IAC7505", { file: "next.config.js", line: 2, column: 31 }]]);
  expect(result.diagnostics[0].hint).toContain("@serverless/cloud@npm:iac-compiler");
  expect(result.ran).toBe(false);
});

test("a Remix app on the classic compiler builds its API and warns (IAC7503) that its pages are not served", async () => {
  const dir = app({ "package.json": '{ "name": "remix-site", "dependencies": { "@remix-run/node": "2.17.0" } }\n', "index.js": API });
  const result = await build(dir, { stage: "qa", outDir: path.join(dir, "cdk.out") });
  expect(result.ok).toBe(true);
  expect(result.diagnostics.filter((d) => d.code.startsWith("IAC75")).map((d) => [d.code, d.severity, d.location?.file])).toEqual([
    ["IAC7503", "warning", "package.json"],
  ]);
  expect(result.diagnostics.find((d) => d.code === "IAC7503")?.message).toContain("Remix (classic compiler) pages are not served");
}, 60_000);

test("the build is skipped while its inputs are unchanged, and runs again after an edit", async () => {
  const dir = app({
    "package.json": '{ "name": "counted", "scripts": { "cloud:build": "echo run >> ../runs-$(basename $PWD).txt" } }\n',
    "pages/index.js": "export default 1;\n",
  });
  const runs = (): number =>
    fs
      .readFileSync(path.join(path.dirname(dir), `runs-${path.basename(dir)}.txt`), "utf8")
      .split("\n")
      .filter(Boolean).length;
  made.push(path.join(path.dirname(dir), `runs-${path.basename(dir)}.txt`));
  expect((await buildFramework(dir)).ran).toBe(true);
  expect((await buildFramework(dir)).ran).toBe(false);
  expect(runs()).toBe(1);
  fs.writeFileSync(path.join(dir, "pages", "index.js"), "export default 2;\n");
  expect((await buildFramework(dir)).ran).toBe(true);
  expect(runs()).toBe(2);
});

test("a change to a public build-time variable (NEXT_PUBLIC_*, VITE_*, PUBLIC_*) runs the build again; another variable does not", async () => {
  const dir = app({ "package.json": '{ "name": "env-keyed", "scripts": { "cloud:build": "echo built" } }\n' });
  const saved = { ...process.env };
  try {
    expect((await buildFramework(dir)).ran).toBe(true);
    process.env.IAC_TEST_UNRELATED = "1";
    expect((await buildFramework(dir)).ran).toBe(false);
    for (const name of ["NEXT_PUBLIC_SITE", "VITE_API_URL", "PUBLIC_SITE_NAME"]) {
      process.env[name] = "changed";
      expect({ name, ran: (await buildFramework(dir)).ran }).toEqual({ name, ran: true });
    }
  } finally {
    for (const name of ["IAC_TEST_UNRELATED", "NEXT_PUBLIC_SITE", "VITE_API_URL", "PUBLIC_SITE_NAME"]) if (!(name in saved)) delete process.env[name];
  }
});

describe("withCloud", () => {
  const cwd = process.cwd();
  afterEach(() => process.chdir(cwd));

  test("Next 16: standalone output, the SDK packages external, the app's own settings kept", () => {
    process.chdir(frameworkApp("next-app-router"));
    expect(withCloud({ poweredByHeader: false, serverExternalPackages: ["sharp"] })).toEqual({
      poweredByHeader: false,
      output: "standalone",
      serverExternalPackages: ["sharp", "iac", "@serverless/cloud", "iac-compiler"],
    });
  });

  test("Next 12: standalone output only (it keeps node_modules external itself); a config function is wrapped", async () => {
    process.chdir(frameworkApp("next12-pages"));
    expect(withCloud({ reactStrictMode: true })).toEqual({ reactStrictMode: true, output: "standalone" });
    const wrapped = withCloud((phase) => ({ env: { PHASE: phase } }));
    if (typeof wrapped !== "function") throw new Error("a config function must stay a function");
    expect(await wrapped("phase-production-build", {})).toEqual({ env: { PHASE: "phase-production-build" }, output: "standalone" });
  });
});

test("an app module that imports the wrapper bundles it (the Lambda bundle resolves @serverless/cloud/nextjs to iac's own)", async () => {
  const dir = app({
    "package.json": '{ "name": "imports-wrapper" }\n',
    "index.js": `${API}const { withCloud } = require("@serverless/cloud/nextjs");\napi.get("/api/config", (req, res) => res.json(withCloud({})));\n`,
  });
  const result = await build(dir, { stage: "qa", outDir: path.join(dir, "cdk.out") });
  expect(result.ok ? [] : result.diagnostics).toEqual([]);
}, 60_000);

test("a page using an SDK interface the analysed code never uses is IAC7506 at its import (the analysis does not read pages)", async () => {
  const dir = app({
    "package.json": '{ "name": "pages-use-sdk", "dependencies": { "next": "16.5.0" } }\n',
    "index.js": API,
    "pages/index.js":
      'import Link from "next/link";\nimport { data, params as settings } from "@serverless/cloud";\nexport default function Home() { return null; }\n',
    "app/files/page.js": '// a server component\nconst { storage, api } = require("iac");\nmodule.exports = () => null;\n',
  });
  const analysed = await analyze(dir);
  if (!analysed.ok) throw new Error(analysed.diagnostics.map((d) => d.message).join("\n"));
  const found = unanalysedPageUse(dir, analysed.graph, nextjs);
  expect(found.map((d) => [d.code, d.severity, d.location, d.message.split(",")[0]])).toEqual([
    ["IAC7506", "warning", { file: "app/files/page.js", line: 2, column: 7 }, "app/files/page.js uses `storage`"],
    ["IAC7506", "warning", { file: "pages/index.js", line: 2, column: 1 }, "pages/index.js uses `data`"],
    ["IAC7506", "warning", { file: "pages/index.js", line: 2, column: 1 }, "pages/index.js uses `params`"],
  ]);
  // Once the app's own code uses data, the HTTP function is granted it: no warning for data.
  fs.writeFileSync(
    path.join(dir, "index.js"),
    `${API}const { data } = require("@serverless/cloud");\napi.get("/api/n", async (req, res) => res.json(await data.get("n:1")));\n`,
  );
  const again = await analyze(dir);
  if (!again.ok) throw new Error("analysis failed");
  expect(unanalysedPageUse(dir, again.graph, nextjs).map((d) => d.message.split(",")[0])).toEqual([
    "app/files/page.js uses `storage`",
    "pages/index.js uses `params`",
  ]);
  // IAM is narrowed to the collections the analysed code touches (n): a page reading another one is told so where it does.
  fs.writeFileSync(
    path.join(dir, "pages", "item.js"),
    'import { data as store } from "iac";\nexport async function getServerSideProps() {\n  const n = await store.get("n:2");\n  return { props: { n, item: await store.get(`item:${n.id}`) } };\n}\n',
  );
  const narrowed = unanalysedPageUse(dir, again.graph, nextjs).filter((d) => d.location?.file === "pages/item.js");
  expect(narrowed.map((d) => [d.code, d.location])).toEqual([["IAC7506", { file: "pages/item.js", line: 4, column: 36 }]]);
  expect(narrowed[0].message).toContain("the data collection `item`");
  expect(narrowed[0].message).toContain("allows only `n`");
}, 60_000);

test("a Next.js static export that did not opt in (no withCloud) builds as before: its cloud:build runs first, its static/ is served", async () => {
  const dir = app({
    "package.json":
      '{ "name": "spa", "scripts": { "cloud:build": "mkdir -p static && echo \'<h1>exported</h1>\' > static/index.html" }, "dependencies": { "next": "16.5.0" } }\n',
    "next.config.js": 'module.exports = { output: "export", distDir: "static" };\n',
    "index.js": API,
  });
  const result = await build(dir, { stage: "qa", outDir: path.join(dir, "cdk.out") });
  if (!result.ok) throw new Error(result.diagnostics.map((d) => `${d.code} ${d.message}`).join("\n"));
  expect(result.diagnostics.filter((d) => d.code.startsWith("IAC75"))).toEqual([]);
  // The export the script wrote is in the graph the analysis read after it.
  const statics = result.graph.resources.find((r) => r.kind === "static");
  expect(statics?.kind === "static" ? statics.files.map((f) => f.path) : []).toEqual(["index.html"]);
  const template = fs.readFileSync(result.templatePath, "utf8");
  expect(template).not.toContain("IAC_FRAMEWORK");
}, 60_000);

/** A Next.js app whose `next build` is a script leaving a standalone server's shape (no Next installed): synth's side of a framework app, fast. */
function fakeNextApp(index: string): string {
  return app({
    "package.json": '{ "name": "fake-next", "dependencies": { "next": "16.5.0" } }\n',
    "next.config.js": 'module.exports = require("@serverless/cloud/nextjs").withCloud({});\n',
    "node_modules/@serverless/cloud/package.json": '{ "name": "iac-compiler" }\n',
    "node_modules/@serverless/cloud/nextjs.js": "exports.withCloud = (config) => config;\n",
    "node_modules/.bin/next": [
      "#!/bin/sh",
      "mkdir -p .next/standalone/.next .next/standalone/node_modules/@serverless/cloud .next/static/chunks",
      "echo 'require(\"next\")' > .next/standalone/server.js",
      "echo '{\"config\":{}}' > .next/standalone/.next/required-server-files.json",
      "echo 'module.exports = 1' > .next/standalone/node_modules/@serverless/cloud/index.js",
      "echo 'console.log(1)' > .next/static/chunks/page-0a1b2c3d4e5f.js",
      "",
    ].join("\n"),
    "public/robots.txt": "User-agent: *\n",
    "public/images/logo.svg": "<svg/>\n",
    "index.js": index,
  });
}

test("a framework app whose SDK part has no route still gets its HTTP function; only it ships the server (ephemeral: hashed files not cached at the edge)", async () => {
  const dir = fakeNextApp('const { schedule } = require("@serverless/cloud");\nschedule.every("1 hour", async () => {});\n');
  const result = await build(dir, { stage: "pr1", ephemeral: true, outDir: path.join(dir, "cdk.out") });
  if (!result.ok) throw new Error(result.diagnostics.map((d) => `${d.code} ${d.message}`).join("\n"));
  const template = JSON.parse(fs.readFileSync(result.templatePath, "utf8")) as {
    Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
  };
  const resources = Object.values(template.Resources);
  const fns = resources.filter((r) => r.Type === "AWS::Lambda::Function" && JSON.stringify(r.Properties).includes("IAC_FUNCTION"));
  const env = (r: (typeof fns)[number]) => (r.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
  expect(fns.map((f) => [env(f).IAC_FUNCTION, env(f).IAC_FRAMEWORK]).sort()).toEqual([
    ["http", "nextjs"],
    ["schedule-rate-1-hour", undefined],
  ]);
  expect(env(fns.find((f) => env(f).IAC_FUNCTION === "http") ?? fns[0]).IAC_FRAMEWORK_DIR).toBe("framework");
  expect(resources.some((r) => r.Type === "AWS::ApiGatewayV2::Api")).toBe(true);
  const distribution = resources.find((r) => r.Type === "AWS::CloudFront::Distribution");
  const behaviors = (
    (distribution?.Properties.DistributionConfig as { CacheBehaviors: { PathPattern: string; CachePolicyId: string }[] }).CacheBehaviors ?? []
  ).map((b) => [b.PathPattern, b.CachePolicyId]);
  // CloudFront's managed CachingDisabled policy on an ephemeral stage; public/'s entries by name.
  expect(behaviors).toEqual(
    expect.arrayContaining([
      ["/_next/static/*", "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"],
      ["/images/*", "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"],
      ["/robots.txt", "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"],
    ]),
  );
  // The server's own copy of the SDK is not shipped: the bundle is the SDK.
  const httpAsset = path.join(dir, ".iac", "bundles", "pr1", "http-framework");
  expect(fs.existsSync(path.join(httpAsset, "framework", "server.js"))).toBe(true);
  expect(fs.existsSync(path.join(httpAsset, "framework", "node_modules", "@serverless", "cloud"))).toBe(false);
  expect(fs.existsSync(path.join(httpAsset, "index.mjs"))).toBe(true);
}, 60_000);
