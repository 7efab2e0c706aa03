import express from "express";
import { api } from "iac";
import { configureRuntime, resetRuntime } from "../../../src/runtime/internal";

// Errors the runtime logs go here instead of the console, so tests can assert on them.
let logged: string[] = [];
beforeEach(() => {
  resetRuntime();
  logged = [];
  configureRuntime({ logger: { error: (message) => logged.push(message) } });
});

describe("routing with Express semantics", () => {
  test("registration order decides which route wins", async () => {
    api.get("/users/me", (_req, res) => res.send("me"));
    api.get("/users/:id", (req, res) => res.send(`user ${req.params.id}`));
    expect((await api.get("/users/me").invoke()).body).toBe("me");
    expect((await api.get("/users/42").invoke()).body).toBe("user 42");
  });

  test("params, query and wildcards", async () => {
    api.get("/files/*", (req, res) => res.json({ rest: req.params[0] }));
    api.get("/todos/:list/:id", (req, res) => res.json({ params: req.params, query: req.query }));
    expect((await api.get("/files/a/b/c.txt").invoke()).body).toEqual({ rest: "a/b/c.txt" });
    const answer = await api.get("/todos/home/7?status=all&tag=a&tag=b").invoke();
    expect(answer.body).toEqual({ params: { list: "home", id: "7" }, query: { status: "all", tag: ["a", "b"] } });
  });

  test("app-level and path-level middleware run in order; next('route') skips", async () => {
    const seen: string[] = [];
    api.use((req, _res, next) => {
      seen.push(`app ${req.path}`);
      next();
    });
    api.use("/admin", (req, res, next) => {
      if (req.get("x-admin") !== "yes") return res.status(403).json({ error: "forbidden" });
      next();
    });
    api.get(
      "/admin/panel",
      (_req, _res, next) => next("route"),
      (_req, res) => res.send("unreachable"),
    );
    api.get("/admin/panel", (_req, res) => res.send("panel"));
    expect((await api.get("/admin/panel").invoke()).status).toBe(403);
    const ok = await api.get("/admin/panel").invoke(undefined, { headers: { "X-Admin": "yes" } });
    expect(ok).toMatchObject({ status: 200, body: "panel" });
    expect(seen).toEqual(["app /admin/panel", "app /admin/panel"]);
  });

  test("4-argument error middleware handles sync throws and async rejections", async () => {
    api.get("/sync", () => {
      throw new Error("sync boom");
    });
    api.get("/async", async () => {
      await Promise.resolve();
      throw new Error("async boom");
    });
    api.use((err: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      res.status(418).json({ caught: err.message });
    });
    expect(await api.get("/sync").invoke()).toMatchObject({ status: 418, body: { caught: "sync boom" } });
    expect(await api.get("/async").invoke()).toMatchObject({ status: 418, body: { caught: "async boom" } });
  });

  test("an unhandled error is a 500 JSON answer and its stack is logged", async () => {
    api.get("/fail", async () => {
      throw new Error("database on fire");
    });
    const answer = await api.get("/fail").invoke();
    expect(answer.status).toBe(500);
    expect(answer.body).toEqual({ error: "Internal Server Error" });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain("GET /fail failed");
    expect(logged[0]).toContain("database on fire");
    expect(logged[0]).toMatch(/at .*api\.test\.ts/);
  });

  test("an unmatched path is Express's 404", async () => {
    api.get("/here", (_req, res) => res.send("here"));
    expect((await api.get("/elsewhere").invoke()).status).toBe(404);
  });

  test("an options object before the handlers is accepted", async () => {
    api.post("/slow", { timeout: 20_000 }, (req, res) => res.status(201).json(req.body));
    expect(await api.post("/slow").invoke({ a: 1 })).toMatchObject({ status: 201, body: { a: 1 } });
  });

  test("npm middleware works unmodified, and an Express router mounts with api.use", async () => {
    const router = express.Router();
    router.get("/ping", (req, res) => res.json({ base: req.baseUrl, path: req.path }));
    api.use("/v1", router);
    expect((await api.get("/v1/ping").invoke()).body).toEqual({ base: "/v1", path: "/ping" });
  });
});

describe("responses", () => {
  test("status, headers, cookies, redirects, sendStatus, locals", async () => {
    api.use((_req, res, next) => {
      res.locals.user = "ann";
      next();
    });
    api.get("/cookie", (req, res) => {
      res.cookie("a", "1", { httpOnly: true }).cookie("b", "2").set("X-Who", res.locals.user).json({ got: req.cookies });
    });
    api.get("/away", (_req, res) => res.redirect(301, "/there"));
    api.delete("/gone", (_req, res) => res.sendStatus(204));
    const cookie = await api.get("/cookie").invoke(undefined, { headers: { cookie: "session=abc; theme=dark" } });
    expect(cookie.body).toEqual({ got: { session: "abc", theme: "dark" } });
    expect(cookie.headers["x-who"]).toBe("ann");
    expect(cookie.headers["set-cookie"]).toEqual(["a=1; Path=/; HttpOnly", "b=2; Path=/"]);
    const away = await api.get("/away").invoke();
    expect(away.status).toBe(301);
    expect(away.headers.location).toBe("/there");
    expect((await api.delete("/gone").invoke()).status).toBe(204);
  });
});
