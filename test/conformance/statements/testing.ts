/**
 * docs/sdk.md, "testing": what an app's tests use. `invoke()` runs
 * anywhere the SDK runs; what a test file's instance holds is `iac test`'s
 * own, so those statements run on that path only.
 */
import { api, data, type NextFunction, type Request, type Response } from "iac";
import { FIXTURE } from "./fixture";
import type { Area } from "./types";
import { unique } from "./util";

const IAC_TEST_ONLY = "what a test file gets is iac test's (its Jest set-up); the in-process paths run no app test files";

/** Set by the iac-test runner: the area file's own marker key (see testing.fresh-instance). */
export const MARKER_COLLECTION = "instance-marker";

export const testingArea: Area = {
  name: "testing",
  statements: [
    {
      id: "testing.invoke.result",
      title: "api.<method>(url).invoke() runs the route through the whole middleware chain and answers { status, body, headers }",
      async run() {
        const p = `/c/${unique("inv")}`;
        api.use(p, (_req: Request, res: Response, next: NextFunction) => {
          res.set("x-middleware", "ran");
          next();
        });
        api.get(`${p}/json/:id`, (req: Request, res: Response) => res.status(203).json({ id: req.params.id, q: req.query.q }));
        api.get(`${p}/text`, (_req: Request, res: Response) => res.send("plain"));
        api.get(`${p}/bin`, (_req: Request, res: Response) => res.type("application/octet-stream").send(Buffer.from([1, 2])));
        const json = await api.get(`${p}/json/5?q=x`).invoke();
        expect(json).toEqual({
          status: 203,
          body: { id: "5", q: "x" },
          headers: expect.objectContaining({ "x-middleware": "ran", "content-type": "application/json; charset=utf-8" }),
        });
        expect(await api.get(`${p}/text`).invoke()).toMatchObject({ status: 200, body: "plain" });
        expect((await api.get(`${p}/bin`).invoke()).body).toEqual(Buffer.from([1, 2]));
        expect((await api.get(`${p}/none`).invoke()).status).toBe(404);
      },
    },
    {
      id: "testing.invoke.request",
      title: "invoke(body, { headers }): an object is sent as JSON, a string as text, a Buffer as binary, with the headers given",
      async run() {
        const p = `/c/${unique("req")}`;
        api.post(`${p}/echo`, (req: Request, res: Response) =>
          res.json({
            type: req.get("content-type"),
            body: Buffer.isBuffer(req.body) ? req.body.toString("hex") : req.body,
            auth: req.get("authorization"),
            cookie: req.cookies.sid,
          }),
        );
        expect((await api.post(`${p}/echo`).invoke({ a: 1 }, { headers: { Authorization: "Bearer t", Cookie: "sid=9" } })).body).toEqual({
          type: "application/json",
          body: { a: 1 },
          auth: "Bearer t",
          cookie: "9",
        });
        expect((await api.post(`${p}/echo`).invoke("hello")).body).toMatchObject({ type: "text/plain", body: "hello" });
        expect((await api.post(`${p}/echo`).invoke(Buffer.from([0xab]))).body).toMatchObject({ type: "application/octet-stream", body: "ab" });
      },
    },
    {
      id: "testing.invoke.headers",
      title: "invoke() headers are what an HTTP client gets: lower-case names, string values, set-cookie always an array; redirects and CORS are visible",
      async run() {
        const p = `/c/${unique("hdr")}`;
        api.use(p, (req: Request, res: Response, next: NextFunction) => {
          res.set("Access-Control-Allow-Origin", "https://app.example");
          if (req.method === "OPTIONS") return void res.set("Access-Control-Allow-Methods", "GET,POST").sendStatus(204);
          next();
        });
        api.get(`${p}/one-cookie`, (_req: Request, res: Response) => {
          res.setHeader("X-Count", 5);
          res.cookie("sid", "abc", { httpOnly: true });
          res.send("ok");
        });
        api.get(`${p}/two-cookies`, (_req: Request, res: Response) => {
          res.cookie("a", "1").cookie("b", "2");
          res.append("Vary", "Origin").append("Vary", "Accept");
          res.send("ok");
        });
        api.get(`${p}/go`, (_req: Request, res: Response) => res.redirect(307, "/elsewhere"));
        const one = await api.get(`${p}/one-cookie`).invoke();
        expect(one.headers["x-count"]).toBe("5");
        expect(one.headers["set-cookie"]).toEqual(["sid=abc; Path=/; HttpOnly"]);
        expect(one.headers["access-control-allow-origin"]).toBe("https://app.example");
        expect(Object.keys(one.headers).every((name) => name === name.toLowerCase())).toBe(true);
        const two = await api.get(`${p}/two-cookies`).invoke();
        expect(two.headers["set-cookie"]).toEqual(["a=1; Path=/", "b=2; Path=/"]);
        expect(two.headers.vary).toBe("Origin, Accept");
        const go = await api.get(`${p}/go`).invoke();
        expect([go.status, go.headers.location]).toEqual([307, "/elsewhere"]);
        const preflight = await api.options(`${p}/one-cookie`).invoke(undefined, { headers: { Origin: "https://app.example" } });
        expect([preflight.status, preflight.headers["access-control-allow-methods"]]).toEqual([204, "GET,POST"]);
      },
    },
    {
      id: "testing.data-json",
      title: "each test file's instance starts with the app's data.json loaded",
      skip: { embedded: IAC_TEST_ONLY, aws: IAC_TEST_ONLY },
      async run() {
        expect(await data.get("seeded:greeting")).toEqual(FIXTURE.dataJson[0].value);
        expect(await data.get("seeded:count")).toBe(3);
        expect((await data.getByLabel("label1", "kind:greeting")).items.map((i) => i.key)).toEqual(["seeded:greeting"]);
      },
    },
    {
      id: "testing.fresh-instance",
      title: "each test file gets a fresh, isolated instance: no other file's data",
      skip: { embedded: IAC_TEST_ONLY, aws: IAC_TEST_ONLY },
      async run() {
        // Every area file writes its own marker before its tests (the iac-test runner): only this one's is here.
        const markers = (await data.get(`${MARKER_COLLECTION}:*`)).items.map((i) => i.key);
        expect(markers).toEqual([`${MARKER_COLLECTION}:testing`]);
      },
    },
    {
      id: "testing.jest27-matchers",
      title: "the matcher names Jest 30 removed (toBeCalledWith, toThrowError, ...) work",
      skip: { embedded: IAC_TEST_ONLY, aws: IAC_TEST_ONLY },
      async run() {
        const fn = jest.fn((n: number) => n * 2);
        fn(2);
        fn(3);
        const legacy = (value: unknown) =>
          expect(value) as unknown as Record<string, (...args: unknown[]) => void> & { not: Record<string, (...args: unknown[]) => void> };
        legacy(fn).toBeCalled();
        legacy(fn).toBeCalledTimes(2);
        legacy(fn).toBeCalledWith(2);
        legacy(fn).lastCalledWith(3);
        legacy(fn).nthCalledWith(1, 2);
        legacy(fn).toReturn();
        legacy(fn).toReturnTimes(2);
        legacy(fn).toReturnWith(6);
        legacy(fn).lastReturnedWith(6);
        legacy(fn).nthReturnedWith(1, 4);
        legacy(fn).not.toBeCalledWith(9);
        legacy(() => {
          throw new Error("boom");
        }).toThrowError("boom");
        expect(() => legacy(fn).toBeCalledTimes(5)).toThrow(/toHaveBeenCalledTimes/);
      },
    },
    {
      id: "testing.jest-globals",
      title: "tests may import expect, test and jest from @jest/globals",
      skip: { embedded: IAC_TEST_ONLY, aws: IAC_TEST_ONLY },
      async run() {
        const globals = (await import("@jest/globals")) as unknown as { expect: unknown; jest: { fn: unknown }; test: unknown };
        expect(typeof globals.expect).toBe("function");
        expect(typeof globals.test).toBe("function");
        expect(typeof globals.jest.fn).toBe("function");
      },
    },
    {
      id: "testing.app-import",
      title: "a test file may import the app at its top level: its routes register once and params are read there",
      skip: { embedded: IAC_TEST_ONLY, aws: IAC_TEST_ONLY },
      async run() {
        const seen = globalThis as { __conformanceEntryLoads?: number; __conformanceTopLevelGreeting?: string };
        expect(seen.__conformanceEntryLoads).toBe(1);
        expect(seen.__conformanceTopLevelGreeting).toBe(FIXTURE.params.GREETING);
        expect((await api.get("/c/entry/hello").invoke()).body).toEqual({ hello: "from the entry" });
      },
    },
  ],
};
