// A stand-in for the Lambda Node.js runtime's bootstrap, run as its own
// process so the bundle sees only the environment the test gives it and
// keeps module state across invocations like a warm container.
//
//   node lambda-driver.js <taskRoot> <Handler, e.g. index.handler>
//
// stdin: one JSON line per invocation, `{ "event": ... }`, or `{ "describe": true }`
// for what the handler module exports.
// stdout: the function's own logs, and per invocation one line
// `@@lambda-result {"ok":true,"result":...}` or `{"ok":false,"error":{...}}`.
// Plain JavaScript on purpose: Lambda loads the bundle with plain Node.
"use strict";
const path = require("path");
const readline = require("readline");
const { register } = require("module");

// Lambda's Node runtimes (18 and later) resolve packages for ES `import` from
// NODE_PATH too (where the image keeps the AWS SDK); plain Node does that only
// for `require`. A bundle's `import("@aws-sdk/...")` needs the same here.
const NODE_PATH_FALLBACK = `
import * as path from "node:path";
import { pathToFileURL } from "node:url";
export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (err) {
    const bare = !/^(\\.|\\/|[a-z]+:)/.test(specifier);
    if (!bare || (err && err.code !== "ERR_MODULE_NOT_FOUND")) throw err;
    for (const dir of (process.env.NODE_PATH || "").split(path.delimiter).filter(Boolean)) {
      try {
        return await next(specifier, { ...context, parentURL: pathToFileURL(path.join(dir, "lambda-runtime.js")).href });
      } catch {}
    }
    throw err;
  }
}`;
register(`data:text/javascript,${encodeURIComponent(NODE_PATH_FALLBACK)}`);

const MARK = "@@lambda-result ";
const [taskRoot, handlerSpec] = process.argv.slice(2);
const dot = handlerSpec.lastIndexOf(".");
const moduleName = handlerSpec.slice(0, dot);
const exportName = handlerSpec.slice(dot + 1);
process.chdir(taskRoot);

let invocations = 0;
function contextFor() {
  invocations += 1;
  const name = process.env.AWS_LAMBDA_FUNCTION_NAME || "fn";
  const deadline = Date.now() + 10000;
  return {
    awsRequestId: `00000000-0000-4000-8000-${String(invocations).padStart(12, "0")}`,
    functionName: name,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:${process.env.AWS_REGION}:123456789012:function:${name}`,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE || "1024",
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
}

function reply(body) {
  process.stdout.write(MARK + JSON.stringify(body) + "\n");
}

/**
 * The handler module as the Lambda Node.js runtime interface client loads
 * it (UserFunction's _tryRequire): an extensionless file, else `.js` by
 * require unless a package.json above says "type": "module", else `.js`
 * (module scope) / `.mjs` by import(), else `.cjs` by require.
 */
async function loadHandlerModule(base) {
  const fs = require("fs");
  const { pathToFileURL } = require("url");
  if (fs.existsSync(base) && fs.statSync(base).isFile()) return require(base);
  const typeModule = packageTypeModule(path.dirname(base));
  if (!typeModule && fs.existsSync(`${base}.js`)) return require(`${base}.js`);
  if (typeModule && fs.existsSync(`${base}.js`)) return import(pathToFileURL(`${base}.js`).href);
  if (fs.existsSync(`${base}.mjs`)) return import(pathToFileURL(`${base}.mjs`).href);
  if (fs.existsSync(`${base}.cjs`)) return require(`${base}.cjs`);
  throw Object.assign(new Error(`Cannot find module '${path.basename(base)}'`), { name: "Runtime.ImportModuleError" });
}

function packageTypeModule(dir) {
  const fs = require("fs");
  for (let d = dir; ; d = path.dirname(d)) {
    const file = path.join(d, "package.json");
    if (fs.existsSync(file)) {
      try {
        return JSON.parse(fs.readFileSync(file, "utf8")).type === "module";
      } catch {
        return false;
      }
    }
    if (path.dirname(d) === d) return false;
  }
}

async function main() {
  // Lambda resolves the handler module relative to the task root (/var/task).
  const mod = await loadHandlerModule(path.join(taskRoot, moduleName));
  const handler = mod[exportName];
  if (typeof handler !== "function") throw new Error(`${handlerSpec}: export ${exportName} is not a function`);
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  // One invocation at a time, as a Lambda container serves them.
  for await (const line of lines) {
    if (!line.trim()) continue;
    const request = JSON.parse(line);
    // A load check: what the handler module exports, as the runtime saw it.
    if (request.describe) {
      reply({ ok: true, result: { exports: Object.keys(mod).sort(), handler: typeof handler } });
      continue;
    }
    const { event } = request;
    try {
      reply({ ok: true, result: await handler(event, contextFor()) });
    } catch (err) {
      const error = err instanceof Error ? { errorType: err.name, errorMessage: err.message } : { errorType: "Error", errorMessage: String(err) };
      reply({ ok: false, error });
    }
  }
}

main().catch((err) => {
  // An init error: Lambda reports Runtime.ImportModuleError or the like.
  process.stderr.write(`init failed: ${err && err.stack ? err.stack : String(err)}\n`);
  process.exit(3);
});
