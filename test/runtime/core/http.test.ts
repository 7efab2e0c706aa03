import express from "express";
import { mkdtempSync, writeFileSync, mkdirSync } from "fs";
import type { RequestListener } from "http";
import { tmpdir } from "os";
import { join } from "path";
import { api, http } from "iac";
import { configureRuntime, resetRuntime } from "../../../src/runtime/internal";
import { configureStorage } from "../../../src/runtime/storage";
import { createLocalStorageBackend } from "../../../src/runtime/storage/local";

// Koa ships no types here (no @types/koa); describe the part the test uses.
interface KoaContext {
  method: string;
  path: string;
  body: unknown;
  status: number;
  request: { body?: unknown };
  req: NodeJS.ReadableStream;
  set(name: string, value: string): void;
}
interface KoaApp {
  use(middleware: (ctx: KoaContext, next: () => Promise<void>) => Promise<void> | void): KoaApp;
  callback(): RequestListener;
}
const Koa: new () => KoaApp = require("koa");

let root: string;
beforeEach(() => {
  resetRuntime();
  root = mkdtempSync(join(tmpdir(), "iac-http-"));
  mkdirSync(join(root, "static"));
  writeFileSync(join(root, "static", "index.html"), "<h1>spa</h1>");
  writeFileSync(join(root, "report.txt"), "local report");
  configureRuntime({ appRoot: root, logger: { error: () => undefined } });
});

test("an Express app mounted with http.use serves everything, with its own body parser", async () => {
  const app = express();
  app.use(express.json());
  app.post("/items", (req, res) => res.status(201).json({ created: req.body, cookieHeader: req.get("cookie") ?? null }));
  app.get("/items/:id", (req, res) => res.json({ id: req.params.id }));
  http.use(app);
  expect(await api.post("/items").invoke({ name: "pen" })).toMatchObject({ status: 201, body: { created: { name: "pen" } } });
  expect((await api.get("/items/9").invoke()).body).toEqual({ id: "9" });
});

test("a Koa app mounted with http.use reads the untouched request stream", async () => {
  const app = new Koa();
  app.use(async (ctx) => {
    const chunks: Buffer[] = [];
    for await (const chunk of ctx.req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
    ctx.set("X-Framework", "koa");
    ctx.body = { method: ctx.method, path: ctx.path, raw: Buffer.concat(chunks).toString("utf8") };
  });
  http.use(app);
  const answer = await api.put("/things/1").invoke({ a: 1 });
  expect(answer).toMatchObject({ status: 200, body: { method: "PUT", path: "/things/1", raw: '{"a":1}' } });
  expect(answer.headers["x-framework"]).toBe("koa");
});

test("api routes come first; the mount gets what they leave", async () => {
  api.get("/health", (_req, res) => res.send("ok"));
  const listener: RequestListener = (req, res) => {
    res.setHeader("content-type", "text/plain");
    res.end(`mounted ${req.url}`);
  };
  http.use(listener);
  expect((await api.get("/health").invoke()).body).toBe("ok");
  expect((await api.get("/other?x=1").invoke()).body).toBe("mounted /other?x=1");
});

test("http.on(404, file) serves the SPA page for unmatched GETs only", async () => {
  api.get("/api/ping", (_req, res) => res.json({ pong: true }));
  http.on(404, "index.html");
  expect((await api.get("/api/ping").invoke()).body).toEqual({ pong: true });
  const page = await api.get("/some/client/route").invoke();
  expect(page.status).toBe(200);
  expect(page.body).toBe("<h1>spa</h1>");
  expect((await api.post("/some/client/route").invoke({})).status).toBe(404);
});

test("api.static serves a folder under a path", async () => {
  api.static("static", { path: "/assets" });
  const answer = await api.get("/assets/index.html").invoke();
  expect(answer).toMatchObject({ status: 200, body: "<h1>spa</h1>" });
});

test("res.sendFile sends a local file by a path relative to the app", async () => {
  api.get("/report", (_req, res) => res.sendFile("report.txt"));
  const answer = await api.get("/report").invoke();
  expect(answer).toMatchObject({ status: 200, body: "local report" });
  expect(answer.headers["content-type"]).toMatch(/^text\/plain/);
});

test("res.sendFile of a path not on disk redirects to a signed storage download URL", async () => {
  // The embedded storage backend (files under a folder, HMAC-signed URLs): real, not a stand-in.
  configureStorage(createLocalStorageBackend({ dir: join(root, "store"), baseUrl: "http://localhost:3000/_iac/storage" }));
  try {
    api.get("/download", (_req, res) => res.sendFile("reports/q1.pdf"));
    const answer = await api.get("/download").invoke();
    expect(answer.status).toBe(302);
    expect(String(answer.headers.location)).toMatch(/^http:\/\/localhost:3000\/_iac\/storage\/.*reports\/q1\.pdf/);
  } finally {
    configureStorage(undefined);
  }
});

test("http.use accepts one app only", () => {
  http.use(express());
  expect(() => http.use(express())).toThrow(/already mounted/);
});

test("static/404.html and static/500.html replace the default error pages for browsers; API clients keep JSON", async () => {
  writeFileSync(join(root, "static", "404.html"), "<h1>lost</h1>");
  writeFileSync(join(root, "static", "500.html"), "<h1>broken</h1>");
  api.get("/boom", () => {
    throw new Error("kaput");
  });
  const browser = { headers: { accept: "text/html,application/xhtml+xml,*/*;q=0.8" } };
  const missing = await api.get("/nowhere").invoke(undefined, browser);
  expect(missing).toMatchObject({ status: 404, body: "<h1>lost</h1>" });
  const failed = await api.get("/boom").invoke(undefined, browser);
  expect(failed).toMatchObject({ status: 500, body: "<h1>broken</h1>" });

  const apiClient = { headers: { accept: "application/json" } };
  const missingJson = await api.get("/nowhere").invoke(undefined, apiClient);
  expect(missingJson.status).toBe(404);
  expect(missingJson.body).not.toBe("<h1>lost</h1>");
  const failedJson = await api.get("/boom").invoke(undefined, apiClient);
  expect(failedJson).toMatchObject({ status: 500, body: { error: "Internal Server Error" } });
});

test("without static/404.html an unmatched route keeps Express's own 404", async () => {
  const missing = await api.get("/nowhere").invoke(undefined, { headers: { accept: "text/html" } });
  expect(missing.status).toBe(404);
  expect(String(missing.body)).toContain("Cannot GET /nowhere");
});
