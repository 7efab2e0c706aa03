/**
 * The SvelteKit, Astro and Remix wrappers as the frameworks load them (from
 * an ES module config, out of the installed `@serverless/cloud`), and
 * the build step's located errors for an app that cannot be served
 * (src/frameworks/build.ts).
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { analyze } from "../../src/compiler";
import { astro } from "../../src/frameworks/astro";
import { buildFramework } from "../../src/frameworks/build";
import { unanalysedPageUse } from "../../src/frameworks/pages";
import { sveltekit } from "../../src/frameworks/sveltekit";
import { frameworkApp } from "../support/frameworks";

const made: string[] = [];
afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

function app(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iac-framework-wrappers-"));
  made.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

/** Runs an ES module in `dir` (as the framework loads its config there) and returns what it prints. */
function runModule(dir: string, source: string): string {
  const file = path.join(dir, `probe-${process.pid}.mjs`);
  fs.writeFileSync(file, source);
  try {
    return execFileSync(process.execPath, [file], { cwd: dir, encoding: "utf8" });
  } finally {
    fs.rmSync(file, { force: true });
  }
}

const API = 'const { api } = require("@serverless/cloud");\napi.get("/api/ping", (req, res) => res.json({ ok: true }));\n';

describe("withCloud for SvelteKit (@serverless/cloud/svelte)", () => {
  test("an ES module config imports it by name; it sets adapter-node and the SDK alias, and keeps the app's settings", () => {
    const printed = runModule(
      frameworkApp("sveltekit"),
      [
        'import { withCloud } from "@serverless/cloud/svelte";',
        "const config = withCloud({ kit: { csrf: { trustedOrigins: ['x'] }, alias: { $db: 'src/db' } }, compilerOptions: { runes: true } });",
        "console.log(JSON.stringify({ adapter: config.kit.adapter.name, supportsRead: config.kit.adapter.supports.read(), kit: { ...config.kit, adapter: undefined }, compilerOptions: config.compilerOptions }));",
      ].join("\n"),
    );
    const out = JSON.parse(printed) as { kit: { alias: Record<string, string> } } & Record<string, unknown>;
    expect(out.adapter).toBe("@sveltejs/adapter-node");
    expect(out.supportsRead).toBe(true);
    expect(out.compilerOptions).toEqual({ runes: true });
    expect(out.kit).toMatchObject({ csrf: { trustedOrigins: ["x"] } });
    expect(out.kit.alias.$db).toBe("src/db");
    // Pages' SDK imports become the small module that answers with the function's instance.
    expect(out.kit.alias["@serverless/cloud"]).toMatch(/node_modules\/@serverless\/cloud\/dist\/wrappers\/sdk\.mjs$/);
    expect(out.kit.alias.iac).toBe(out.kit.alias["@serverless/cloud"]);
  });

  test("an adapter-node the app configured itself is kept, with its options", () => {
    const printed = runModule(
      frameworkApp("sveltekit"),
      [
        'import adapter from "@sveltejs/adapter-node";',
        'import { withCloud } from "@serverless/cloud/svelte";',
        "const own = adapter({ envPrefix: 'APP_' });",
        "console.log(JSON.stringify({ kept: withCloud({ kit: { adapter: own } }).kit.adapter === own }));",
      ].join("\n"),
    );
    expect(JSON.parse(printed)).toEqual({ kept: true });
  });

  test("a SvelteKit app without @sveltejs/adapter-node is IAC7507 at the withCloud import in svelte.config.js", async () => {
    const dir = app({
      "package.json": '{ "name": "no-adapter", "type": "module", "devDependencies": { "@sveltejs/kit": "2.70.4" } }\n',
      "svelte.config.js": '// the app\'s config\nimport { withCloud } from "@serverless/cloud/svelte";\nexport default withCloud({});\n',
      "node_modules/@serverless/cloud/package.json": '{ "name": "iac-compiler", "exports": { "./svelte": "./svelte.js" } }\n',
      "node_modules/@serverless/cloud/svelte.js": "exports.withCloud = (config) => config;\n",
      "index.js": API,
    });
    const result = await buildFramework(dir);
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.location])).toEqual([["IAC7507", "error", { file: "svelte.config.js", line: 2, column: 27 }]]);
    expect(result.diagnostics[0].hint).toContain("npm install --save-dev @sveltejs/adapter-node");
    expect(result.ran).toBe(false);
  });

  test("a SvelteKit build that leaves no adapter-node server is IAC7502, naming withCloud", async () => {
    const dir = app({
      "package.json": '{ "name": "static-kit", "type": "module", "devDependencies": { "@sveltejs/kit": "2.70.4" } }\n',
      "svelte.config.js": 'import { withCloud } from "@serverless/cloud/svelte";\nexport default withCloud({});\n',
      "node_modules/@serverless/cloud/package.json": '{ "name": "iac-compiler", "exports": { "./svelte": "./svelte.js" } }\n',
      "node_modules/@serverless/cloud/svelte.js": "exports.withCloud = (config) => config;\n",
      "node_modules/@sveltejs/adapter-node/package.json": '{ "name": "@sveltejs/adapter-node" }\n',
      "node_modules/.bin/vite": "#!/bin/sh\nmkdir -p build/client\necho built a static site\n",
      "index.js": API,
    });
    fs.chmodSync(path.join(dir, "node_modules", ".bin", "vite"), 0o755);
    const result = await buildFramework(dir);
    expect(result.diagnostics.map((d) => [d.code, d.location?.file])).toEqual([["IAC7502", "package.json"]]);
    expect(result.diagnostics[0].message).toContain("build/handler.js");
    expect(result.diagnostics[0].hint).toContain("withCloud");
  });
});

describe("the Astro integration (@serverless/cloud/astro)", () => {
  test("an ES module config calls the default import; config:setup sets server output, @astrojs/node in middleware mode, the inlined server and the SDK alias", () => {
    const printed = runModule(
      frameworkApp("astro"),
      [
        'import cloud from "@serverless/cloud/astro";',
        "const integration = cloud();",
        "const updates = [];",
        "await integration.hooks['astro:config:setup']({ config: { root: new URL(`file://${process.cwd()}/`), site: 'https://example.com' }, updateConfig: (c) => updates.push(c) });",
        "const [u] = updates;",
        "console.log(JSON.stringify({ name: integration.name, count: updates.length, output: u.output, adapter: u.adapter.name, sameIntegration: u.integrations[0] === u.adapter, mode: u.adapter.hooks ? 'integration' : 'none', vite: u.vite, named: typeof cloud.cloud }));",
      ].join("\n"),
    );
    const out = JSON.parse(printed) as { vite: { ssr: unknown; resolve: { alias: Record<string, string> } } } & Record<string, unknown>;
    expect(out).toMatchObject({
      name: "@serverless/cloud/astro",
      count: 1,
      output: "server",
      adapter: "@astrojs/node",
      sameIntegration: true,
      named: "function",
    });
    expect(out.vite.ssr).toEqual({ noExternal: true });
    expect(out.vite.resolve.alias["@serverless/cloud"]).toMatch(/node_modules\/@serverless\/cloud\/dist\/wrappers\/sdk\.mjs$/);
    expect(out.vite.resolve.alias.iac).toBe(out.vite.resolve.alias["@serverless/cloud"]);
  });

  test("an @astrojs/node the app set as its adapter itself is kept", () => {
    const printed = runModule(
      frameworkApp("astro"),
      [
        'import cloud from "@serverless/cloud/astro";',
        'import node from "@astrojs/node";',
        "const updates = [];",
        "await cloud().hooks['astro:config:setup']({ config: { adapter: node({ mode: 'middleware' }) }, updateConfig: (c) => updates.push(c) });",
        "console.log(JSON.stringify({ adapter: 'adapter' in updates[0], integrations: 'integrations' in updates[0], output: updates[0].output }));",
      ].join("\n"),
    );
    expect(JSON.parse(printed)).toEqual({ adapter: false, integrations: false, output: "server" });
  });

  test("an Astro app without @astrojs/node is IAC7507 at the integration's import in astro.config.mjs", async () => {
    const dir = app({
      "package.json": '{ "name": "no-node", "type": "module", "dependencies": { "astro": "5.18.2" } }\n',
      "astro.config.mjs":
        'import { defineConfig } from "astro/config";\nimport cloud from "@serverless/cloud/astro";\nexport default defineConfig({ integrations: [cloud()] });\n',
      "node_modules/@serverless/cloud/package.json": '{ "name": "iac-compiler", "exports": { "./astro": "./astro.js" } }\n',
      "node_modules/@serverless/cloud/astro.js": "module.exports = () => ({ name: 'x', hooks: {} });\n",
      "index.js": API,
    });
    const result = await buildFramework(dir);
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.location])).toEqual([["IAC7507", "error", { file: "astro.config.mjs", line: 2, column: 19 }]]);
    expect(result.diagnostics[0].hint).toContain("@astrojs/node");
  });
});

describe("the Remix plugin (@serverless/cloud/remix)", () => {
  test("an ES module config calls the default import; the build inlines the server's packages and its server build exports Remix's request handler", () => {
    const printed = runModule(
      frameworkApp("remix"),
      [
        'import cloud from "@serverless/cloud/remix";',
        "const build = cloud();",
        "const built = build.config({}, { command: 'build' });",
        "const transformed = build.transform('export const routes = {};', '\\0virtual:remix/server-build');",
        "const untouched = build.transform('export const x = 1;', '/app/routes/_index.jsx');",
        "const dev = cloud().config({}, { command: 'serve' });",
        "console.log(JSON.stringify({ name: build.name, built, transformed, untouched: untouched === undefined, dev, named: typeof cloud.cloud }));",
      ].join("\n"),
    );
    const out = JSON.parse(printed) as {
      built: { ssr: unknown; resolve: { alias: Record<string, string> } };
      dev: Record<string, unknown>;
      transformed: string;
    } & Record<string, unknown>;
    expect(out).toMatchObject({ name: "@serverless/cloud/remix", untouched: true, named: "function" });
    expect(out.built.ssr).toEqual({ noExternal: true });
    expect(out.built.resolve.alias["@serverless/cloud"]).toMatch(/node_modules\/@serverless\/cloud\/dist\/wrappers\/sdk\.mjs$/);
    // The dev server keeps packages external (Vite runs CommonJS React from node_modules): only the SDK alias.
    expect(out.dev).toEqual({ resolve: out.built.resolve });
    expect(out.transformed).toContain("export const routes = {};");
    expect(out.transformed).toContain("createRequestHandler as __iacCreateRequestHandler");
  });

  test("a Remix build without the plugin leaves a server build iac cannot serve: IAC7502, naming the plugin", async () => {
    const dir = app({
      "package.json": '{ "name": "plain-remix", "type": "module", "dependencies": { "@remix-run/node": "2.17.5" } }\n',
      "vite.config.js": 'import cloud from "@serverless/cloud/remix";\nexport default { plugins: [cloud()] };\n',
      "node_modules/@serverless/cloud/package.json": '{ "name": "iac-compiler", "exports": { "./remix": "./remix.js" } }\n',
      "node_modules/@serverless/cloud/remix.js": "module.exports = () => ({ name: 'x' });\n",
      "node_modules/.bin/remix": "#!/bin/sh\nmkdir -p build/server build/client/assets\necho 'export const routes = {};' > build/server/index.js\n",
      "index.js": API,
    });
    fs.chmodSync(path.join(dir, "node_modules", ".bin", "remix"), 0o755);
    const result = await buildFramework(dir);
    expect(result.diagnostics.map((d) => [d.code, d.location?.file])).toEqual([["IAC7502", "package.json"]]);
    expect(result.diagnostics[0].hint).toContain("plugins: [remix(), cloud()]");
  });
});

test("SDK use in .astro frontmatter and SvelteKit server files that the analysed code never makes is IAC7506 at the import", async () => {
  const dir = app({
    "package.json": '{ "name": "pages-sdk" }\n',
    "index.js": API,
    "src/pages/files.astro": '---\nimport { storage } from "@serverless/cloud";\nconst list = await storage.list("/");\n---\n<ul></ul>\n',
    "src/routes/+page.server.js": 'import { params } from "@serverless/cloud";\nexport const load = () => ({ key: params.KEY });\n',
  });
  const analysed = await analyze(dir);
  if (!analysed.ok) throw new Error(analysed.diagnostics.map((d) => d.message).join("\n"));
  expect(unanalysedPageUse(dir, analysed.graph, astro).map((d) => [d.code, d.location])).toEqual([
    ["IAC7506", { file: "src/pages/files.astro", line: 2, column: 1 }],
  ]);
  expect(unanalysedPageUse(dir, analysed.graph, sveltekit).map((d) => [d.code, d.location])).toEqual([
    ["IAC7506", { file: "src/routes/+page.server.js", line: 1, column: 1 }],
  ]);
}, 60_000);
