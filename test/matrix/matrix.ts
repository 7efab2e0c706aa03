/**
 * The real-world app matrix (test/apps, and every example and template):
 * apps written the way people wrote them for Serverless Cloud, each checked
 * four ways, as production and its users run it:
 *
 * 1. it builds (the library's `build`, a cloud assembly, no error);
 * 2. every function loads as Lambda loads it (Node 22, its asset alone in a
 *    task root, the template's environment, the SDK beside it) and exports
 *    `handler`;
 * 3. its HTTP function answers API Gateway v2 events as its checks say
 *    (`lambda-checks.json` in the app, or test/matrix/checks/ for examples
 *    and templates, which users copy), against dynalite and s3rver, the
 *    table created from the template's own definition, from an empty table;
 * 4. its own tests pass under `iac test`, the CLI spawned as users run it.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";
import { httpApiEvent, isRecord, type InvokeOutcome } from "../e2e/lambda";
import { runCliAsync } from "../support/iac-cli";
import { deploy, startBackends, type Backends, type Deployment } from "./deployed";

const REPO = path.resolve(__dirname, "..", "..");

export interface MatrixApp {
  /** e.g. `test/apps/esm-notes`, `examples/todo`. */
  dir: string;
  checks: LambdaChecks;
}

interface CheckRequest {
  method: string;
  path: string;
  query?: string;
  headers?: Record<string, string>;
  body?: string;
  expect: { status: number; bodyIncludes?: string[]; json?: unknown };
}

interface LambdaChecks {
  /** Set in the deployed stage's SSM path before the functions start. */
  params?: Record<string, string>;
  /** Set for `iac test` (the app's README asks its developers to set them locally). */
  testParams?: Record<string, string>;
  requests: CheckRequest[];
}

function readChecks(file: string): LambdaChecks {
  const parsed: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
  if (!isRecord(parsed) || !Array.isArray(parsed.requests)) throw new Error(`${file}: expected { requests: [...] }`);
  return parsed as unknown as LambdaChecks;
}

/** Every app of the matrix, in a stable order. */
export function matrixApps(): MatrixApp[] {
  const apps: MatrixApp[] = [];
  for (const name of fs.readdirSync(path.join(REPO, "test", "apps")).sort()) {
    const dir = path.join("test", "apps", name);
    if (fs.statSync(path.join(REPO, dir)).isDirectory()) apps.push({ dir, checks: readChecks(path.join(REPO, dir, "lambda-checks.json")) });
  }
  for (const group of ["examples", "templates"]) {
    for (const name of fs.readdirSync(path.join(REPO, group)).sort()) {
      const dir = path.join(group, name);
      // An app is a folder with a package.json (templates/ also holds the CI workflow's folder), as iac init lists them.
      if (fs.existsSync(path.join(REPO, dir, "package.json"))) apps.push({ dir, checks: readChecks(path.join(__dirname, "checks", `${group}-${name}.json`)) });
    }
  }
  return apps;
}

/** API Gateway's payload 2.0 for one check: binary bodies (multipart, octet-stream) arrive base64-encoded, as API Gateway sends them. */
function eventFor(request: CheckRequest): Record<string, unknown> {
  const event = httpApiEvent(request.method, request.query ? `${request.path}?${request.query}` : request.path);
  const headers = { ...(event.headers as Record<string, string>), ...lowerCased(request.headers ?? {}) };
  if (request.body === undefined) return { ...event, headers };
  const type = headers["content-type"] ?? "";
  const binary = /^multipart\/|octet-stream|^image\//.test(type);
  headers["content-length"] = String(Buffer.byteLength(request.body));
  return { ...event, headers, body: binary ? Buffer.from(request.body).toString("base64") : request.body, isBase64Encoded: binary };
}

function lowerCased(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

function answerOf(outcome: InvokeOutcome, request: CheckRequest): { status: number; text: string } {
  const where = `${request.method} ${request.path}`;
  if (!outcome.ok) throw new Error(`${where}: the invocation failed: ${JSON.stringify(outcome.error)}\n${outcome.logs.join("\n")}`);
  const r = outcome.result;
  if (!isRecord(r) || typeof r.statusCode !== "number") throw new Error(`${where}: not an HTTP API response: ${JSON.stringify(r)}`);
  const raw = typeof r.body === "string" ? r.body : "";
  const bytes = r.isBase64Encoded === true ? Buffer.from(raw, "base64") : Buffer.from(raw, "utf8");
  // A server that compresses (Next.js does) answers the event's accept-encoding: read it as a browser would.
  const encoding = isRecord(r.headers) ? r.headers["content-encoding"] : undefined;
  const decoded =
    encoding === "gzip"
      ? zlib.gunzipSync(bytes)
      : encoding === "br"
        ? zlib.brotliDecompressSync(bytes)
        : encoding === "deflate"
          ? zlib.inflateSync(bytes)
          : bytes;
  return { status: r.statusCode, text: decoded.toString("utf8") };
}

/**
 * `iac test <dir>`. With params (the app's README says to set them), on a
 * copy of the app whose local stage has them, as `iac params set --local`
 * would leave it, so the repository's own folder is not written to.
 */
async function runIacTest(dir: string, params: Record<string, string> | undefined): Promise<{ code: number | null; output: string }> {
  let target = path.join(REPO, dir);
  let copy: string | undefined;
  if (params) {
    copy = fs.mkdtempSync(path.join(os.tmpdir(), "iac-matrix-test-"));
    fs.cpSync(target, copy, { recursive: true, filter: (src) => !src.split(path.sep).some((part) => part === ".iac" || part === "node_modules") });
    fs.mkdirSync(path.join(copy, ".iac", "local"), { recursive: true });
    fs.writeFileSync(path.join(copy, ".iac", "local", "params.json"), JSON.stringify(params));
    target = copy;
  }
  try {
    const r = await runCliAsync(["test", target], { env: { CI: "true" } });
    return { code: r.status, output: r.stdout + r.stderr };
  } finally {
    if (copy) fs.rmSync(copy, { recursive: true, force: true });
  }
}

function hasOwnTests(dir: string): boolean {
  const walk = (d: string): boolean =>
    fs.readdirSync(d, { withFileTypes: true }).some((e) => {
      if (e.name === "node_modules" || e.name.startsWith(".")) return false;
      if (e.isDirectory()) return e.name === "__tests__" || walk(path.join(d, e.name));
      return /\.test\.[cm]?[jt]sx?$/.test(e.name);
    });
  return walk(path.join(REPO, dir));
}

/** Apps that ship no tests of their own (check 4 does not apply; asserted below so the list stays true). */
const WITHOUT_OWN_TESTS = new Set(["examples/hooks"]);

export function defineMatrix(apps: MatrixApp[]): void {
  let backends: Backends;
  beforeAll(async () => {
    backends = await startBackends();
  });
  afterAll(async () => {
    await backends?.close();
  });

  for (const app of apps) {
    describe(app.dir, () => {
      let deployment: Deployment;
      beforeAll(async () => {
        deployment = await deploy(path.join(REPO, app.dir), "matrix", backends, app.checks.params);
      }, 120_000);
      afterAll(async () => {
        if (deployment?.ok) await deployment.deployed.close();
      });
      const deployed = () => {
        if (!deployment.ok)
          throw new Error(
            `${app.dir} did not build:\n${deployment.diagnostics.map((d) => `${d.location?.file}:${d.location?.line} ${d.code} ${d.message}`).join("\n")}`,
          );
        return deployment.deployed;
      };

      test("builds", () => {
        expect(deployment.ok ? [] : deployment.diagnostics).toEqual([]);
      });

      test("every function loads as Lambda loads it and exports handler", async () => {
        const { assembly, start } = deployed();
        expect(assembly.functions.length).toBeGreaterThan(0);
        for (const fn of assembly.functions) {
          const p = start(fn);
          const outcome = await p.describe();
          if (!outcome.ok) throw new Error(`${fn.id}: ${JSON.stringify(outcome.error)}\n${outcome.logs.join("\n")}`);
          expect({ fn: fn.id, result: outcome.result }).toEqual({ fn: fn.id, result: { exports: ["handler"], handler: "function" } });
          await p.close();
        }
      });

      test("its HTTP function answers API Gateway v2 events against dynalite and s3rver", async () => {
        const { assembly, start } = deployed();
        const fn = assembly.functions.find((f) => f.id === "http");
        if (!fn) throw new Error(`${app.dir} has no HTTP function`);
        const http = start(fn);
        for (const request of app.checks.requests) {
          const outcome = await http.invoke(eventFor(request));
          const answer = answerOf(outcome, request);
          const logs = answer.status === request.expect.status ? "" : `\n${outcome.logs.join("\n")}`;
          const where = `${request.method} ${request.path}${request.query ? `?${request.query}` : ""} -> ${answer.status} ${answer.text.slice(0, 300)}${logs}`;
          expect({ where, status: answer.status }).toEqual({ where, status: request.expect.status });
          for (const text of request.expect.bodyIncludes ?? []) expect(answer.text).toContain(text);
          if (request.expect.json !== undefined) expect(JSON.parse(answer.text)).toMatchObject(request.expect.json as object);
        }
      });

      if (WITHOUT_OWN_TESTS.has(app.dir)) {
        test("ships no tests of its own", () => {
          expect(hasOwnTests(app.dir)).toBe(false);
        });
      } else {
        test("its own tests pass under iac test", async () => {
          expect(hasOwnTests(app.dir)).toBe(true);
          const run = await runIacTest(app.dir, app.checks.testParams);
          if (run.code !== 0) throw new Error(`iac test ${app.dir} exited ${run.code}:\n${run.output}`);
        }, 120_000);
      }
    });
  }
}
