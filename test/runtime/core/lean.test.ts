/**
 * lean.ts: apps of `api` routes are served by Express's Router with Express
 * loaded on first need, and answer exactly as an Express app does. The same
 * requests go through both paths and the raw responses (status, every
 * header, body) must be equal; the conformance suite's HTTP areas also run
 * on both (test/conformance/express-path.test.ts).
 */
import express from "express";
import { api, http, type Request, type Response } from "iac";
import { EXPRESS_ACCESSORS, EXPRESS_REQUEST_MEMBERS, EXPRESS_RESPONSE_MEMBERS, LEAN_TYPES, charsetOf, isLean } from "../../../src/runtime/core/api/lean";
import { configureRuntime, injectRequest, resetRuntime, useLeanPath, type InjectedRequest } from "../../../src/runtime/internal";

beforeEach(() => {
  resetRuntime();
  configureRuntime({ logger: { error: () => undefined } });
});
afterEach(() => useLeanPath(undefined));

// send's own copy of mime 1.6, which Express's res.type and res.set use.
const sendMime = require("send").mime as { lookup(type: string): string; charsets: { lookup(type: string): string | undefined } };

describe("what lean.ts answers itself is what Express answers", () => {
  test("the member lists are Express's own prototypes' members", () => {
    expect([...EXPRESS_REQUEST_MEMBERS].sort()).toEqual(Object.getOwnPropertyNames(express.request).sort());
    expect([...EXPRESS_RESPONSE_MEMBERS].sort()).toEqual(Object.getOwnPropertyNames(express.response).sort());
    const accessors = Object.getOwnPropertyNames(express.request).filter((n) => Object.getOwnPropertyDescriptor(express.request, n)?.get);
    expect([...EXPRESS_ACCESSORS].sort()).toEqual(accessors.sort());
    expect(Object.getOwnPropertyNames(express.response).filter((n) => Object.getOwnPropertyDescriptor(express.response, n)?.get)).toEqual([]);
  });

  test("the types res.send and res.sendStatus name, and the charsets res.set adds, are mime's", () => {
    for (const [name, type] of Object.entries(LEAN_TYPES)) expect([name, type]).toEqual([name, sendMime.lookup(name)]);
    const types = [
      "text/html",
      "text/plain",
      "application/json",
      "application/javascript",
      "application/xml",
      "image/png",
      "application/octet-stream",
      "text/csv",
      "application/ld+json",
      "TEXT/HTML",
    ];
    for (const type of types) expect([type, charsetOf(type)]).toEqual([type, sendMime.charsets.lookup(type)]);
  });
});

type Answer = { status: number; headers: Record<string, unknown>; body: string };

async function both(requests: InjectedRequest[]): Promise<{ lean: Answer[]; full: Answer[] }> {
  const run = async (lean: boolean): Promise<Answer[]> => {
    useLeanPath(lean);
    const out: Answer[] = [];
    for (const r of requests) {
      const a = await injectRequest(r);
      out.push({ status: a.status, headers: { ...a.headers }, body: a.body.toString("utf8") });
    }
    return out;
  };
  return { lean: await run(true), full: await run(false) };
}

const get = (url: string, headers: Record<string, string> = {}): InjectedRequest => ({ method: "GET", url, headers: { host: "app.test", ...headers } });

test("responses of every form res.send, res.json, res.sendStatus, res.set and res.type take are Express's, byte for byte", async () => {
  const seen: boolean[] = [];
  const sent: Record<string, (req: Request, res: Response) => void> = {
    string: (_req, res) => void res.send("<p>hi</p>"),
    buffer: (_req, res) => void res.send(Buffer.from("bytes")),
    object: (_req, res) => void res.send({ a: 1 }),
    array: (_req, res) => void res.status(201).send([1, 2]),
    null: (_req, res) => void res.send(null),
    bool: (_req, res) => void res.send(true),
    number: (_req, res) => void (res as unknown as { send(n: number): void }).send(404),
    empty: (_req, res) => void res.send(),
    json: (_req, res) => void res.status(202).json({ ok: true, when: new Date(0) }),
    jsonUndefined: (_req, res) => void res.json(undefined),
    jsonTwo: (_req, res) => void (res as unknown as { json(a: unknown, b: unknown): void }).json({ a: 1 }, 418),
    status: (_req, res) => void res.sendStatus(204),
    teapot: (_req, res) => void res.sendStatus(418),
    odd: (_req, res) => void res.sendStatus(599),
    typed: (_req, res) => void res.type("json").send('{"x":1}'),
    typedExt: (_req, res) => void res.type(".css").send("a{}"),
    typedFull: (_req, res) => void res.type("application/vnd.api+json").send("{}"),
    setObject: (_req, res) => void res.set({ "X-A": "1", "Content-Type": "text/csv" }).send("a,b"),
    setArray: (_req, res) => void res.set("X-Many", ["1", "2"]).set("content-type", "text/plain; charset=latin1").send("x"),
    header: (_req, res) => void res.header("X-H", "v").status(200).end("plain end"),
    reset: (_req, res) => void res.status(205).send("gone"),
    long: (_req, res) => void res.send("x".repeat(5000)),
    etagged: (_req, res) => void res.set("ETag", '"mine"').send("tagged"),
    request: (req, res) => {
      seen.push(isLean(req));
      res.json({ path: req.path, q: req.query, host: req.get("host"), ref: req.get("referrer") ?? null, h: req.header("x-h") ?? null });
    },
  };
  for (const [name, fn] of Object.entries(sent)) api.get(`/${name}`, fn);
  api.post("/echo", (req, res) => void res.json({ body: req.body, type: req.get("content-type") }));
  const requests: InjectedRequest[] = [
    ...Object.keys(sent).map((name) => get(`/${name}?a=1&b=x+y&c[d]=2&e=1&e=2`, { referer: "https://r.test/" })),
    { method: "HEAD", url: "/string", headers: { host: "app.test" } },
    { method: "OPTIONS", url: "/string", headers: { host: "app.test" } },
    get("/missing"),
    get("/STRING/"),
    { method: "POST", url: "/echo", headers: { host: "app.test", "content-type": "application/json" }, payload: '{"n":1}' },
    { method: "POST", url: "/echo", headers: { host: "app.test", "content-type": "application/json" }, payload: "{bad" },
    { method: "POST", url: "/echo", headers: { host: "app.test", "content-type": "application/x-www-form-urlencoded" }, payload: "a[b]=1&c=2" },
  ];
  const first = await both(requests);
  expect(first.lean).toEqual(first.full);
  // Conditional requests: the ETag each path gave makes the same 304.
  const etag = String(first.full[0].headers.etag);
  const again = await both([
    get("/string?a=1&b=x+y&c[d]=2&e=1&e=2", { "if-none-match": etag }),
    get("/json", { "if-none-match": String(first.full[8].headers.etag) }),
  ]);
  expect(again.lean).toEqual(again.full);
  expect(again.full.map((a) => a.status)).toEqual([304, 304]);
  expect(seen).toEqual([true, false]);
});

test("anything else Express offers loads Express for that request, and answers as Express does", async () => {
  const lean: boolean[] = [];
  api.get("/more", (req, res) => {
    lean.push(isLean(req));
    const answer = {
      ip: req.ip,
      protocol: req.protocol,
      hostname: req.hostname,
      xhr: req.xhr,
      accepts: req.accepts(["json", "html"]),
      app: typeof req.app.get,
    };
    lean.push(isLean(req), isLean(res));
    res
      .cookie("sid", "1", { httpOnly: true })
      .vary("Accept")
      .format({ json: () => res.json(answer) });
  });
  api.get("/redirect", (_req, res) => res.redirect(301, "/elsewhere"));
  const headers = { "x-forwarded-for": "203.0.113.9", "x-forwarded-proto": "https", accept: "application/json" };
  const answers = await both([get("/more", headers), get("/redirect")]);
  expect(answers.lean).toEqual(answers.full);
  expect(JSON.parse(answers.full[0].body)).toEqual({
    ip: "203.0.113.9",
    protocol: "https",
    hostname: "app.test",
    xhr: false,
    accepts: "json",
    app: "function",
  });
  expect(answers.full[1]).toMatchObject({ status: 301, headers: { location: "/elsewhere" } });
  // On the lean run: lean until `req.ip`, then Express's for both request and response.
  expect(lean.slice(0, 3)).toEqual([true, false, false]);
});

test("assigning a method (middleware replacing res.send) keeps the request lean and is what is called", async () => {
  const lean: boolean[] = [];
  api.use((_req, res, next) => {
    const original = res.send.bind(res);
    res.send = (body?: unknown) => original(`wrapped ${String(body)}`);
    res.render = (() => undefined) as Response["render"];
    next();
  });
  api.get("/w", (req, res) => {
    lean.push(isLean(req));
    res.send("x");
  });
  const answers = await both([get("/w")]);
  expect(answers.lean).toEqual(answers.full);
  expect(answers.full[0].body).toBe("wrapped x");
  expect(lean).toEqual([true, false]);
});

test("an app with a mount, or an Express app passed to api.use, is served by an Express app", async () => {
  const paths: boolean[] = [];
  const sub = express();
  sub.get("/sub/ip", (req, res) => res.json({ ip: req.ip }));
  api.use(sub);
  api.get("/x", (req, res) => {
    paths.push(isLean(req));
    res.send("x");
  });
  await injectRequest(get("/x"));
  // A sub-app inherits its parent's settings when Express mounts it: trust proxy reads X-Forwarded-For.
  const ip = await injectRequest(get("/sub/ip", { "x-forwarded-for": "198.51.100.1" }));
  expect(JSON.parse(ip.body.toString())).toEqual({ ip: "198.51.100.1" });
  resetRuntime();
  http.use((_req: unknown, res: { end(body: string): void }) => res.end("mounted"));
  api.get("/y", (req, res) => {
    paths.push(isLean(req));
    res.send("y");
  });
  await injectRequest(get("/y"));
  expect(paths).toEqual([false, false]);
});
