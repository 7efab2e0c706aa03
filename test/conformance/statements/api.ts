/**
 * docs/sdk.md, "api": routes with Express semantics, requests, responses,
 * limits and errors, checked as a client sees them (requests to
 * `params.CLOUD_URL`). Each statement registers its own routes under its
 * own path, so statements never answer each other's requests.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import bodyParser from "body-parser";
import cookieParser from "cookie-parser";
import { api, storage, type NextFunction, type Request, type Response } from "iac";
import type { Area } from "./types";
import { request, unique } from "./util";

const base = (): string => `/c/${unique("api")}`;

export const apiArea: Area = {
  name: "api",
  statements: [
    {
      id: "api.methods",
      title: "get, post, put, patch, delete, options and head answer their method; all answers any",
      async run() {
        const p = base();
        for (const m of ["get", "post", "put", "patch", "delete", "options"] as const)
          api[m](`${p}/m`, (req: Request, res: Response) => res.send(`${m} ${req.method}`));
        api.head(`${p}/h`, (_req: Request, res: Response) => res.set("x-head", "yes").end());
        api.all(`${p}/all`, (req: Request, res: Response) => res.send(`all ${req.method}`));
        for (const m of ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"])
          expect((await request(`${p}/m`, { method: m })).text).toBe(`${m.toLowerCase()} ${m}`);
        const head = await request(`${p}/h`, { method: "HEAD" });
        expect([head.status, head.headers["x-head"], head.text]).toEqual([200, "yes", ""]);
        expect((await request(`${p}/all`, { method: "PATCH" })).text).toBe("all PATCH");
        expect((await request(`${p}/all`)).text).toBe("all GET");
      },
    },
    {
      id: "api.paths",
      title: "/users/:id parameters and * wildcards, as in Express 4",
      async run() {
        const p = base();
        api.get(`${p}/users/:id/posts/:post`, (req: Request, res: Response) => res.json(req.params));
        api.get(`${p}/files/*`, (req: Request, res: Response) => res.json({ rest: req.params[0] }));
        expect((await request(`${p}/users/42/posts/hello%20world`)).json()).toEqual({ id: "42", post: "hello world" });
        expect((await request(`${p}/files/a/b/c.txt`)).json()).toEqual({ rest: "a/b/c.txt" });
      },
    },
    {
      id: "api.order",
      title: "the first matching route in registration order answers",
      async run() {
        const p = base();
        api.get(`${p}/items/special`, (_req: Request, res: Response) => res.send("special"));
        api.get(`${p}/items/:id`, (req: Request, res: Response) => res.send(`item ${req.params.id}`));
        api.get(`${p}/items/later`, (_req: Request, res: Response) => res.send("never"));
        api.get(`${p}/next/:id`, (req: Request, res: Response, next: NextFunction) => (req.params.id === "skip" ? next() : res.send("first")));
        api.get(`${p}/next/:id`, (_req: Request, res: Response) => res.send("second"));
        expect((await request(`${p}/items/special`)).text).toBe("special");
        expect((await request(`${p}/items/later`)).text).toBe("item later");
        expect((await request(`${p}/next/a`)).text).toBe("first");
        expect((await request(`${p}/next/skip`)).text).toBe("second");
      },
    },
    {
      id: "api.use",
      title: "api.use([path], ...middleware) runs in order for the paths it covers; res.locals carries values",
      async run() {
        const p = base();
        api.use(`${p}/scoped`, (_req: Request, res: Response, next: NextFunction) => {
          res.locals.trail = ["scoped"];
          next();
        });
        api.use((req: Request, res: Response, next: NextFunction) => {
          if (req.path.startsWith(p)) res.locals.trail = [...((res.locals.trail as string[] | undefined) ?? []), "global"];
          next();
        });
        api.get(`${p}/scoped/x`, (_req: Request, res: Response) => res.json(res.locals.trail));
        api.get(`${p}/other`, (_req: Request, res: Response) => res.json(res.locals.trail));
        expect((await request(`${p}/scoped/x`)).json()).toEqual(["scoped", "global"]);
        expect((await request(`${p}/other`)).json()).toEqual(["global"]);
      },
    },
    {
      id: "api.error-middleware",
      title: "4-argument error middleware gets what a handler throws or rejects",
      async run() {
        const p = base();
        api.get(`${p}/throws`, () => {
          throw Object.assign(new Error("thrown"), { code: 418 });
        });
        api.get(`${p}/rejects`, async () => {
          await Promise.resolve();
          throw new Error("rejected");
        });
        api.use(p, (err: Error & { code?: number }, _req: Request, res: Response, _next: NextFunction) => {
          res.status(err.code ?? 422).json({ caught: err.message });
        });
        const thrown = await request(`${p}/throws`);
        expect([thrown.status, thrown.json()]).toEqual([418, { caught: "thrown" }]);
        const rejected = await request(`${p}/rejects`);
        expect([rejected.status, rejected.json()]).toEqual([422, { caught: "rejected" }]);
      },
    },
    {
      id: "api.request",
      title: "req.query, params, headers, cookies, method, path and get(header)",
      async run() {
        const p = base();
        api.get(`${p}/r/:id`, (req: Request, res: Response) =>
          res.json({
            query: req.query,
            params: req.params,
            header: req.headers["x-test"],
            get: req.get("X-Test"),
            cookies: req.cookies,
            method: req.method,
            path: req.path,
          }),
        );
        const res = await request(`${p}/r/7?a=1&b=two&list=x&list=y`, { headers: { "X-Test": "yes", Cookie: "session=abc; theme=dark" } });
        expect(res.json()).toEqual({
          query: { a: "1", b: "two", list: ["x", "y"] },
          params: { id: "7" },
          header: "yes",
          get: "yes",
          cookies: { session: "abc", theme: "dark" },
          method: "GET",
          path: `${p}/r/7`,
        });
      },
    },
    {
      id: "api.body",
      title: "JSON bodies are parsed by content type, urlencoded forms parsed, text/plain left as text; malformed JSON is 400",
      async run() {
        const p = base();
        api.post(`${p}/echo`, (req: Request, res: Response) => res.json({ type: typeof req.body, body: req.body }));
        const post = (body: string, type: string) => request(`${p}/echo`, { method: "POST", body, headers: { "content-type": type } });
        expect((await post('{"a":[1,{"b":null}]}', "application/json")).json()).toEqual({ type: "object", body: { a: [1, { b: null }] } });
        expect((await post('{"v":1}', "application/vnd.api+json")).json()).toEqual({ type: "object", body: { v: 1 } });
        expect((await post("a=1&b=x%20y&c[d]=2", "application/x-www-form-urlencoded")).json()).toEqual({
          type: "object",
          body: { a: "1", b: "x y", c: { d: "2" } },
        });
        expect((await post("just text", "text/plain")).json()).toEqual({ type: "string", body: "just text" });
        const bad = await post("{not json", "application/json");
        expect(bad.status).toBe(400);
        expect(bad.json()).toMatchObject({ error: "Bad Request" });
      },
    },
    {
      id: "api.files",
      title: "multipart forms (api.upload too) give req.body fields and req.files; a binary body is one file",
      async run() {
        const p = base();
        const shape = (req: Request) => ({
          body: Buffer.isBuffer(req.body) ? { buffer: req.body.toString("hex") } : req.body,
          files: ((req.files ?? []) as Express.Multer.File[]).map((f) => ({
            fieldname: f.fieldname,
            originalname: f.originalname,
            encoding: f.encoding,
            mimetype: f.mimetype,
            size: f.size,
            content: f.buffer.toString("hex"),
          })),
        });
        api.post(`${p}/form`, (req: Request, res: Response) => res.json(shape(req)));
        api.upload(`${p}/upload`, (req: Request, res: Response) => res.json(shape(req)));
        const form = new FormData();
        form.append("title", "holiday");
        form.append("photo", new Blob([Buffer.from([1, 2, 3])], { type: "image/png" }), "beach.png");
        const multipart = await request(`${p}/form`, { method: "POST", body: form });
        expect(multipart.json()).toEqual({
          body: { title: "holiday" },
          files: [{ fieldname: "photo", originalname: "beach.png", encoding: "7bit", mimetype: "image/png", size: 3, content: "010203" }],
        });
        const viaUpload = await request(`${p}/upload`, { method: "PUT", body: form });
        expect(viaUpload.json()).toMatchObject({ body: { title: "holiday" }, files: [{ originalname: "beach.png", size: 3 }] });
        const binary = await request(`${p}/form`, {
          method: "POST",
          body: Buffer.from([0xde, 0xad, 0xbe, 0xef]),
          headers: { "content-type": "application/octet-stream" },
        });
        expect(binary.json()).toEqual({
          body: { buffer: "deadbeef" },
          files: [{ fieldname: "file", originalname: "", encoding: "binary", mimetype: "application/octet-stream", size: 4, content: "deadbeef" }],
        });
      },
    },
    {
      id: "api.response",
      title: "status, send (string, Buffer, object, array, boolean), json, sendStatus, set/header and end",
      async run() {
        const p = base();
        api.get(`${p}/string`, (_req: Request, res: Response) => res.status(201).send("<p>hi</p>"));
        api.get(`${p}/buffer`, (_req: Request, res: Response) => res.send(Buffer.from([0, 1, 2])));
        api.get(`${p}/object`, (_req: Request, res: Response) => res.send({ a: 1 }));
        api.get(`${p}/array`, (_req: Request, res: Response) => res.send([1, "2"]));
        api.get(`${p}/boolean`, (_req: Request, res: Response) => res.send(true));
        api.get(`${p}/json`, (_req: Request, res: Response) => res.status(202).json(null));
        api.get(`${p}/status`, (_req: Request, res: Response) => res.sendStatus(204));
        api.get(`${p}/headers`, (_req: Request, res: Response) => res.set("X-One", "1").header("X-Two", "2").set({ "X-Three": "3" }).end("done"));
        const string = await request(`${p}/string`);
        expect([string.status, string.headers["content-type"], string.text]).toEqual([201, "text/html; charset=utf-8", "<p>hi</p>"]);
        const buffer = await request(`${p}/buffer`);
        expect([buffer.headers["content-type"], buffer.body]).toEqual(["application/octet-stream", Buffer.from([0, 1, 2])]);
        expect((await request(`${p}/object`)).json()).toEqual({ a: 1 });
        expect((await request(`${p}/array`)).json()).toEqual([1, "2"]);
        expect((await request(`${p}/boolean`)).json()).toBe(true);
        const json = await request(`${p}/json`);
        expect([json.status, json.headers["content-type"], json.text]).toEqual([202, "application/json; charset=utf-8", "null"]);
        const status = await request(`${p}/status`);
        expect([status.status, status.text]).toEqual([204, ""]);
        const headers = await request(`${p}/headers`);
        expect([headers.headers["x-one"], headers.headers["x-two"], headers.headers["x-three"], headers.text]).toEqual(["1", "2", "3", "done"]);
      },
    },
    {
      id: "api.cookies",
      title: "res.cookie and res.clearCookie reach the client as Set-Cookie headers, one per cookie",
      async run() {
        const p = base();
        api.get(`${p}/cookies`, (_req: Request, res: Response) => {
          res.cookie("session", "abc", { httpOnly: true, path: "/" });
          res.cookie("prefs", JSON.stringify({ theme: "dark" }), { maxAge: 60_000 });
          res.clearCookie("old");
          res.send("ok");
        });
        const res = await request(`${p}/cookies`);
        expect(res.cookies).toHaveLength(3);
        expect(res.cookies[0]).toBe("session=abc; Path=/; HttpOnly");
        expect(res.cookies[1]).toMatch(/^prefs=%7B%22theme%22%3A%22dark%22%7D; Max-Age=60; Path=\/; Expires=/);
        expect(res.cookies[2]).toMatch(/^old=; Path=\/; Expires=Thu, 01 Jan 1970 00:00:00 GMT$/);
      },
    },
    {
      id: "api.redirect",
      title: "redirect([status,] url) and location",
      async run() {
        const p = base();
        api.get(`${p}/found`, (_req: Request, res: Response) => res.redirect("/elsewhere"));
        api.get(`${p}/moved`, (_req: Request, res: Response) => res.redirect(301, "https://example.com/new"));
        api.get(`${p}/located`, (_req: Request, res: Response) => res.location("/there").status(201).end());
        const found = await request(`${p}/found`);
        expect([found.status, found.headers.location]).toEqual([302, "/elsewhere"]);
        const moved = await request(`${p}/moved`);
        expect([moved.status, moved.headers.location]).toEqual([301, "https://example.com/new"]);
        const located = await request(`${p}/located`);
        expect([located.status, located.headers.location]).toEqual([201, "/there"]);
      },
    },
    {
      id: "api.send-file",
      title: "sendFile(path) sends a local file, else redirects to a signed download URL of that storage path",
      async run() {
        const p = base();
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "conformance-send-"));
        const local = path.join(dir, "local.txt");
        fs.writeFileSync(local, "from disk");
        const stored = `${unique("sf")}/report.txt`;
        await storage.write(stored, "from storage");
        api.get(`${p}/local`, (_req: Request, res: Response) => res.sendFile(local));
        api.get(`${p}/stored`, (_req: Request, res: Response) => res.sendFile(stored));
        const fromDisk = await request(`${p}/local`);
        expect([fromDisk.status, fromDisk.text, fromDisk.headers["content-type"]]).toEqual([200, "from disk", "text/plain; charset=UTF-8"]);
        const redirect = await request(`${p}/stored`);
        expect(redirect.status).toBe(302);
        const followed = await fetch(redirect.headers.location);
        expect([followed.status, await followed.text()]).toEqual([200, "from storage"]);
      },
    },
    {
      id: "api.npm-middleware",
      title: "Express middleware from npm (body-parser, cookie-parser with signed cookies) works unmodified",
      async run() {
        const p = base();
        api.use(`${p}`, cookieParser("conformance secret"));
        api.post(`${p}/signed`, bodyParser.json(), (req: Request, res: Response) => {
          res.cookie("who", String((req.body as { name?: string }).name), { signed: true });
          res.json({ got: req.body });
        });
        api.get(`${p}/whoami`, (req: Request, res: Response) => res.json({ signed: req.signedCookies }));
        const set = await request(`${p}/signed`, { method: "POST", body: '{"name":"ann"}', headers: { "content-type": "application/json" } });
        expect(set.json()).toEqual({ got: { name: "ann" } });
        const cookie = set.cookies[0].split(";")[0];
        expect(cookie).toMatch(/^who=s%3Aann\./);
        expect((await request(`${p}/whoami`, { headers: { cookie } })).json()).toEqual({ signed: { who: "ann" } });
        expect((await request(`${p}/whoami`, { headers: { cookie: "who=s%3Aann.forged" } })).json()).toEqual({ signed: { who: false } });
      },
    },
    {
      id: "api.limit",
      title: "a body over 6 MB is answered 413; up to 6 MB is accepted",
      async run() {
        const p = base();
        api.post(`${p}/big`, (req: Request, res: Response) => res.json({ size: Buffer.isBuffer(req.body) ? req.body.length : -1 }));
        const big = await request(`${p}/big`, {
          method: "POST",
          body: Buffer.alloc(6 * 1024 * 1024 + 1, 1),
          headers: { "content-type": "application/octet-stream" },
        });
        expect(big.status).toBe(413);
        const fits = await request(`${p}/big`, {
          method: "POST",
          body: Buffer.alloc(5 * 1024 * 1024, 1),
          headers: { "content-type": "application/octet-stream" },
        });
        expect(fits.json()).toEqual({ size: 5 * 1024 * 1024 });
      },
    },
    {
      id: "api.errors",
      title: "a handler that throws or rejects, with no error middleware, answers 500 with a JSON error, and the error is logged with its stack",
      async run(ctx) {
        const p = base();
        const marker = unique("failure");
        function failsOnPurpose(): never {
          throw new Error(`conformance: ${marker} fails on purpose`);
        }
        api.get(`${p}/sync`, () => failsOnPurpose());
        api.get(`${p}/async`, async () => {
          await Promise.resolve();
          failsOnPurpose();
        });
        for (const route of ["sync", "async"]) {
          const res = await request(`${p}/${route}`);
          expect(res.status).toBe(500);
          expect(res.headers["content-type"]).toMatch(/^application\/json/);
          expect(res.json()).toMatchObject({ error: "Internal Server Error" });
        }
        const logged = ctx.errorLogs().filter((line) => line.includes(marker));
        expect(logged).toHaveLength(2);
        for (const line of logged) expect(line).toMatch(/failsOnPurpose/);
      },
    },
    {
      id: "api.timeout",
      title: "a route that does not answer within its { timeout } is answered 504 with a JSON error",
      async run() {
        const p = base();
        api.get(`${p}/slow`, { timeout: 1000 }, () => undefined);
        api.get(`${p}/quick`, { timeout: 1000 }, (_req: Request, res: Response) => res.send("quick"));
        const started = Date.now();
        const slow = await request(`${p}/slow`);
        expect(slow.status).toBe(504);
        expect(slow.json()).toMatchObject({ error: "Gateway Timeout" });
        expect(Date.now() - started).toBeGreaterThanOrEqual(900);
        expect((await request(`${p}/quick`)).text).toBe("quick");
        expect(() => api.get(`${p}/late`, () => undefined, { timeout: 5 } as never)).toThrow(/options/);
      },
    },
    {
      id: "api.raw-body",
      title: "api.rawBody keeps the body's bytes as req.rawBody",
      async run() {
        const p = base();
        api.post(`${p}/hook`, api.rawBody, (req: Request, res: Response) => res.json({ raw: req.rawBody?.toString("utf8"), parsed: req.body }));
        const res = await request(`${p}/hook`, { method: "POST", body: '{ "a" : 1 }', headers: { "content-type": "application/json" } });
        expect(res.json()).toEqual({ raw: '{ "a" : 1 }', parsed: { a: 1 } });
      },
    },
    {
      id: "api.json-limit",
      title: "api.setJsonSizeLimit(limit) lowers the JSON body limit (413 beyond it); above 6 MB it is refused",
      async run() {
        const p = base();
        api.post(`${p}/json`, (req: Request, res: Response) => res.json({ keys: Object.keys(req.body as object).length }));
        // The limit is the app's, for every route: put the default back whatever happens.
        api.setJsonSizeLimit("1kb");
        try {
          const small = await request(`${p}/json`, { method: "POST", body: JSON.stringify({ a: 1 }), headers: { "content-type": "application/json" } });
          expect(small.json()).toEqual({ keys: 1 });
          const large = await request(`${p}/json`, {
            method: "POST",
            body: JSON.stringify({ a: "x".repeat(2048) }),
            headers: { "content-type": "application/json" },
          });
          expect(large.status).toBe(413);
          expect(() => api.setJsonSizeLimit(7 * 1024 * 1024)).toThrow(/6 MB/);
        } finally {
          api.setJsonSizeLimit(6 * 1024 * 1024);
        }
      },
    },
    {
      id: "api.static",
      title: "api.static(dir, { path }) serves a folder of the app",
      skip: {
        aws: "this path runs the Lambda entry in-process, with no bundle directory: that the folder ships in the HTTP function's code and is served from it on Lambda is checked on the built bundle by the app matrix (test/apps/cjs-static-docs)",
      },
      async run() {
        const p = base();
        api.static("assets", { path: `${p}/assets` });
        const res = await request(`${p}/assets/app.css`);
        expect([res.status, res.text]).toEqual([200, "body { color: teal }\n"]);
        expect(res.headers["content-type"]).toMatch(/^text\/css/);
      },
    },
  ],
};
