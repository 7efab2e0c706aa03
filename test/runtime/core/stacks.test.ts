/**
 * Deployed functions run without `--enable-source-maps`; the runtime maps
 * stack traces itself (src/runtime/adapters/lambda/stacks.ts). A tiny app
 * bundled for real (the real runtime, bundle.ts's esbuild options) runs in a
 * plain Node process, like a Lambda container: the errors it logs must read
 * exactly as Node's own source-map support would print them (same process
 * run with the flag), at the app's file:line, and the map is read only when
 * a stack with a frame in the bundle is formatted.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { bundleFunctions } from "../../../src/synth/bundle";
import { node22 } from "../../support/node22";

const REPO = path.resolve(__dirname, "..", "..", "..");

const APP = [
  'import { api } from "iac";', // 1
  "", // 2
  "function explode(what: string): never {", // 3
  "  throw new Error(`boom: ${what}`);", // 4
  "}", // 5
  "", // 6
  'api.get("/boom", () => {', // 7
  '  explode("route");', // 8
  "});", // 9
  "", // 10
  'api.get("/caught", (_req, res) => {', // 11
  "  try {", // 12
  '    explode("caught");', // 13
  "  } catch (err) {", // 14
  '    console.error("the app caught", err);', // 15
  "  }", // 16
  "  res.json({ ok: true });", // 17
  "});", // 18
  "",
].join("\n");

// Plain JavaScript, run as the Lambda runtime would: import the bundle (index.mjs), call `handler`.
const CONTAINER = `
const fs = require("fs");
const readFileSync = fs.readFileSync;
const mapReads = [];
fs.readFileSync = function (file, ...rest) {
  if (String(file).endsWith(".map")) mapReads.push(String(file));
  return readFileSync.call(this, file, ...rest);
};
const event = (rawPath) => ({
  version: "2.0", routeKey: "$default", rawPath, rawQueryString: "", headers: { accept: "application/json", host: "x.example" },
  requestContext: { accountId: "123456789012", apiId: "x", domainName: "x.example", requestId: "r", routeKey: "$default", stage: "$default", time: "", timeEpoch: 0,
    http: { method: "GET", path: rawPath, protocol: "HTTP/1.1", sourceIp: "203.0.113.7", userAgent: "test" } },
  isBase64Encoded: false,
});
(async () => {
  const { handler } = await import(require("url").pathToFileURL(process.argv[2]).href);
  // A stack with no frame in the bundle: formatted as usual, the map untouched.
  console.log(new Error("outside the bundle").stack.split("\\n")[0]);
  console.log("map reads before any error in the bundle:", mapReads.length);
  console.log("status", (await handler(event("/boom"))).statusCode);
  console.log("status", (await handler(event("/caught"))).statusCode);
  try {
    await handler({ not: "an event" });
  } catch (err) {
    console.log(err.stack);
  }
  console.log("map reads:", mapReads.length);
})();
`;

let appDir: string;
let bundle: string;
let script: string;

beforeAll(async () => {
  appDir = fs.mkdtempSync(path.join(os.tmpdir(), "iac-stacks-"));
  fs.writeFileSync(path.join(appDir, "index.ts"), APP);
  fs.writeFileSync(path.join(appDir, "package.json"), '{ "name": "stacks" }\n');
  const outDir = path.join(appDir, ".iac", "bundles", "qa");
  const r = await bundleFunctions({ appDir, entry: "index.ts", functions: ["http"], outDir });
  expect(r.diagnostics).toEqual([]);
  bundle = path.join(r.functions[0].dir, "index.mjs");
  script = path.join(appDir, "container.cjs");
  fs.writeFileSync(script, CONTAINER);
});

afterAll(() => {
  if (appDir) fs.rmSync(appDir, { recursive: true, force: true });
});

function runContainer(nodeArgs: string[]): string {
  const r = spawnSync(node22(), [...nodeArgs, script, bundle], {
    cwd: path.dirname(bundle),
    encoding: "utf8",
    env: {
      PATH: process.env.PATH,
      // The Lambda image provides the AWS SDK; this repo's copy plays that part.
      NODE_PATH: path.join(REPO, "node_modules"),
      AWS_REGION: "eu-west-1",
      IAC_APP: "stacks",
      IAC_STAGE: "qa",
      IAC_FUNCTION: "http",
      IAC_PARAMS_PRELOAD: "false",
    },
  });
  expect(r.status).toBe(0);
  // stdout and stderr in one, without the SDK's Node-version notice (Node 20 only).
  return `${r.stdout}\n${r.stderr.replace(/\(node:\d+\) Warning: NodeVersionSupportWarning[\s\S]*?--trace-warnings \.\.\.\` to show where the warning was created\)\n/, "")}`;
}

describe("stack traces of a deployed bundle", () => {
  let mapped: string;
  let byNode: string;
  beforeAll(() => {
    mapped = runContainer([]);
    byNode = runContainer(["--enable-source-maps"]);
  });

  test("errors the runtime logs and errors the app logs point at the app's source", () => {
    const source = path.join(appDir, "index.ts");
    // The route's error, logged by the runtime's 500 handler: thrown in explode, called from the route.
    expect(mapped).toMatch(
      new RegExp(`GET /boom failed\\nError: boom: route\\n    at explode \\(${escape(source)}:4:9\\)\\n    at .*\\(${escape(source)}:8:3\\)`),
    );
    // The app's own console.error(err).
    expect(mapped).toContain("the app caught Error: boom: caught");
    expect(mapped).toContain(`(${source}:13:5)`);
    // The runtime's own frames map to its sources too.
    expect(mapped).toMatch(/Error: iac runtime: unrecognised Lambda event \{"not":"an event"\}\n    at .*src\/runtime\/lambda\.ts:\d+:\d+\)/);
    expect(mapped).not.toMatch(/function\/index\.mjs:\d+:\d+/);
  });

  test("they read exactly as with Node's --enable-source-maps", () => {
    // Node's own support reads the map at load; the runtime's reads it with the first stack it maps.
    expect(mapped.replace(/map reads.*\n/g, "")).toBe(byNode.replace(/map reads.*\n/g, ""));
  });

  test("the map is read once, and only when a stack with a frame in the bundle is formatted", () => {
    expect(mapped).toContain("Error: outside the bundle\nmap reads before any error in the bundle: 0\n");
    expect(mapped).toContain("map reads: 1\n");
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
