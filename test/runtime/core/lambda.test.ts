import { api, events, params, schedule } from "iac";
import { handler, prepareLambda } from "../../../src/runtime/lambda";
import { beginParamsLoad, resetLambdaSetup } from "../../../src/runtime/adapters/lambda/setup";
import { configureRuntime, resetRuntime, type EventEnvelope } from "../../../src/runtime/internal";

beforeEach(() => {
  resetRuntime();
  resetLambdaSetup();
  configureRuntime({ logger: { error: () => undefined } });
});

/** An API Gateway HTTP API payload 2.0 event, as Lambda receives it (trimmed of fields the runtime ignores). */
function httpEvent(method: string, rawPath: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath,
    rawQueryString: "",
    headers: {
      accept: "*/*",
      host: "abc123.execute-api.eu-west-1.amazonaws.com",
      "user-agent": "curl/8.4.0",
      "x-forwarded-for": "203.0.113.7",
      "x-forwarded-proto": "https",
    },
    requestContext: {
      accountId: "123456789012",
      apiId: "abc123",
      domainName: "abc123.execute-api.eu-west-1.amazonaws.com",
      http: { method, path: rawPath, protocol: "HTTP/1.1", sourceIp: "203.0.113.7", userAgent: "curl/8.4.0" },
      requestId: "JKJaXmPLvHcESHA=",
      routeKey: "$default",
      stage: "$default",
      time: "10/Mar/2026:00:03:59 +0000",
      timeEpoch: 1773101039000,
    },
    isBase64Encoded: false,
    ...extra,
  };
}

describe("API Gateway HTTP API 2.0", () => {
  test("query string, JSON body, client IP and protocol from the proxy headers", async () => {
    api.post("/todos/:id", (req, res) => res.status(201).json({ id: req.params.id, q: req.query, body: req.body, ip: req.ip, protocol: req.protocol }));
    const result = await handler(
      httpEvent("POST", "/todos/7", {
        rawQueryString: "status=all&tag=a&tag=b",
        headers: { "content-type": "application/json", "x-forwarded-for": "203.0.113.7", "x-forwarded-proto": "https" },
        body: JSON.stringify({ title: "milk" }),
      }),
    );
    expect(result).toMatchObject({ statusCode: 201, isBase64Encoded: false, headers: { "content-type": "application/json; charset=utf-8" } });
    expect(JSON.parse(String(Reflect.get(Object(result), "body")))).toEqual({
      id: "7",
      q: { status: "all", tag: ["a", "b"] },
      body: { title: "milk" },
      ip: "203.0.113.7",
      protocol: "https",
    });
  });

  test("cookies in, several Set-Cookie out as the cookies array", async () => {
    api.get("/login", (req, res) => {
      res.cookie("session", `for-${String(req.cookies.user)}`, { httpOnly: true }).cookie("theme", "dark");
      res.append("Vary", "Accept").append("Vary", "Origin");
      res.json({ seen: req.cookies });
    });
    const result = await handler(httpEvent("GET", "/login", { cookies: ["user=ann", "lang=en"] }));
    expect(result).toMatchObject({
      statusCode: 200,
      cookies: ["session=for-ann; Path=/; HttpOnly", "theme=dark; Path=/"],
      headers: { vary: "Accept, Origin" },
      body: JSON.stringify({ seen: { user: "ann", lang: "en" } }),
    });
  });

  test("a base64 binary body in, a binary body out base64-encoded", async () => {
    const bytes = Buffer.from([0, 1, 2, 250, 251, 252, 253, 254, 255]);
    api.post("/reverse", (req, res) => {
      const input: unknown = req.body;
      res.type("application/octet-stream").send(Buffer.isBuffer(input) ? Buffer.from(input).reverse() : Buffer.alloc(0));
    });
    const result = await handler(
      httpEvent("POST", "/reverse", { headers: { "content-type": "application/octet-stream" }, body: bytes.toString("base64"), isBase64Encoded: true }),
    );
    expect(result).toMatchObject({ statusCode: 200, isBase64Encoded: true, body: Buffer.from(bytes).reverse().toString("base64") });
  });

  test("a throwing handler is a 500 response, not a failed invocation", async () => {
    api.get("/boom", async () => {
      throw new Error("boom");
    });
    await expect(handler(httpEvent("GET", "/boom"))).resolves.toMatchObject({ statusCode: 500, body: JSON.stringify({ error: "Internal Server Error" }) });
  });
});

describe("background dispatch", () => {
  test("a schedule rule's input runs the handlers registered for that expression", async () => {
    const runs: string[] = [];
    schedule.every("60 minutes", (e) => {
      runs.push(`hourly ${e.expression}`);
    });
    schedule.cron("0 0 ? * TUE *", () => {
      runs.push("tuesday");
    });
    // Synth writes the expression normalised by src/graph/schedule.ts, the same function the runtime uses.
    await handler({ iac: "schedule", expression: "rate(60 minutes)" });
    await handler({ iac: "schedule", expression: "cron(0 0 ? * TUE *)" });
    expect(runs).toEqual(["hourly rate(60 minutes)", "tuesday"]);
  });

  test("a failing schedule handler fails the invocation", async () => {
    schedule.every("5 minutes", () => {
      throw new Error("cleanup failed");
    });
    await expect(handler({ iac: "schedule", expression: "rate(5 minutes)" })).rejects.toThrow("cleanup failed");
  });

  test("an EventBridge event reaches every events.on subscriber of its detail-type", async () => {
    process.env.IAC_APP = "todo";
    const seen: unknown[] = [];
    events.on("todo.created", (e) => {
      seen.push(e);
    });
    events.on("todo.deleted", () => {
      seen.push("wrong");
    });
    await handler({
      version: "0",
      id: "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
      "detail-type": "todo.created",
      source: "iac.todo",
      account: "123456789012",
      time: "2026-03-10T00:04:00Z",
      region: "eu-west-1",
      resources: [],
      detail: { id: "e1", body: { title: "milk" }, time: "2026-03-10T00:03:59.000Z", delay: 0 },
    });
    delete process.env.IAC_APP;
    expect(seen).toEqual([{ id: "e1", name: "todo.created", body: { title: "milk" }, time: Date.parse("2026-03-10T00:03:59.000Z"), delay: 0 }]);
  });

  test("a throwing event handler fails the delivery", async () => {
    events.on("x", () => {
      throw new Error("nope");
    });
    const event = { "detail-type": "x", source: "iac.app", detail: { id: "1", body: null, time: "2026-03-10T00:00:00Z", delay: 0 } };
    await expect(handler(event)).rejects.toThrow("nope");
  });

  test("an unknown event is an error, not silently dropped", async () => {
    await expect(handler({ hello: "world" })).rejects.toThrow(/unrecognised Lambda event/);
  });
});

describe("only requests that came through CloudFront (IAC_ORIGIN_VERIFY)", () => {
  const VALUE = "4f7a3c1e-9b2d-11ef-8c3a-0a1b2c3d4e5f";
  let ran = 0;
  beforeEach(() => {
    ran = 0;
    process.env.IAC_ORIGIN_VERIFY = VALUE;
    api.get("/who", (req, res) => {
      ran++;
      res.json({ headers: Object.keys(req.headers).sort() });
    });
  });
  afterEach(() => {
    delete process.env.IAC_ORIGIN_VERIFY;
  });
  const withHeaders = (extra: Record<string, string>) => httpEvent("GET", "/who", { headers: { accept: "*/*", ...extra } });

  test("a request straight to the execute-api endpoint (no header, or a wrong one) is 403 and the app never runs", async () => {
    for (const event of [withHeaders({}), withHeaders({ "x-iac-origin-verify": "guess" }), withHeaders({ "x-iac-origin-verify": `${VALUE}x` })]) {
      const result = await handler(event);
      expect(result).toMatchObject({ statusCode: 403, body: JSON.stringify({ error: "Forbidden" }) });
    }
    expect(ran).toBe(0);
  });

  test("CloudFront's request reaches the app, without the header", async () => {
    const result = await handler(withHeaders({ "X-Iac-Origin-Verify": VALUE }));
    expect(result).toMatchObject({ statusCode: 200 });
    expect(JSON.parse(String(Reflect.get(Object(result), "body"))).headers).not.toContain("x-iac-origin-verify");
    expect(ran).toBe(1);
  });

  test("without IAC_ORIGIN_VERIFY (a stack from before the check) nothing is checked", async () => {
    delete process.env.IAC_ORIGIN_VERIFY;
    expect(await handler(withHeaders({}))).toMatchObject({ statusCode: 200 });
  });
});

describe("the viewer's Host (x-iac-viewer-host, after the origin secret): the app sees its own domain, as a server behind it would", () => {
  const VALUE = "4f7a3c1e-9b2d-11ef-8c3a-0a1b2c3d4e5f";
  beforeEach(() => {
    process.env.IAC_ORIGIN_VERIFY = VALUE;
    api.get("/host", (req, res) =>
      res.json({ host: req.get("host"), hostname: req.hostname, url: `${req.protocol}://${req.get("host")}`, names: Object.keys(req.headers) }),
    );
  });
  afterEach(() => {
    delete process.env.IAC_ORIGIN_VERIFY;
  });
  const body = async (headers: Record<string, string>): Promise<Record<string, unknown>> =>
    JSON.parse(
      String(
        Reflect.get(
          Object(
            await handler(
              httpEvent("GET", "/host", { headers: { ...headers, host: "abc123.execute-api.eu-west-1.amazonaws.com", "x-forwarded-proto": "https" } }),
            ),
          ),
          "body",
        ),
      ),
    );

  test("through CloudFront, Host is the viewer's (the header its function set), and the header itself does not reach the app", async () => {
    const seen = await body({ "x-iac-origin-verify": VALUE, "x-iac-viewer-host": `${VALUE} shop.example.com` });
    expect(seen).toMatchObject({ host: "shop.example.com", hostname: "shop.example.com", url: "https://shop.example.com" });
    expect(seen.names).not.toContain("x-iac-viewer-host");
  });

  test("a header without the secret (a viewer's own, before CloudFront's function is live) changes nothing and never reaches the app", async () => {
    for (const spoofed of ["spoofed.example.com", "guess spoofed.example.com", `${VALUE}x spoofed.example.com`, `${VALUE} `]) {
      const seen = await body({ "x-iac-origin-verify": VALUE, "x-iac-viewer-host": spoofed });
      expect(seen).toMatchObject({ host: "abc123.execute-api.eu-west-1.amazonaws.com" });
      expect(seen.names).not.toContain("x-iac-viewer-host");
    }
  });
});

describe("params at cold start", () => {
  test("the adapter loads params once, before the first dispatch, so reads are synchronous", async () => {
    let loads = 0;
    // Stands in for SSM Parameter Store, which is unreachable here.
    configureRuntime({
      params: {
        load: async () => {
          loads++;
          return { API_KEY: "k-123", CLOUD_URL: "https://todo.example.com" };
        },
      },
    });
    process.env.IAC_STAGE = "qa";
    api.get("/p", (_req, res) => res.json({ key: params.API_KEY, url: params.CLOUD_URL, stage: params.INSTANCE_NAME, missing: params.NOPE ?? null }));
    const first = await handler(httpEvent("GET", "/p"));
    await handler(httpEvent("GET", "/p"));
    delete process.env.IAC_STAGE;
    expect(Reflect.get(Object(first), "body")).toBe(JSON.stringify({ key: "k-123", url: "https://todo.example.com", stage: "qa", missing: null }));
    expect(loads).toBe(1);
  });

  test("the bundle's preload starts the load before init, and init awaits that same load: one SSM round trip", async () => {
    const started: string[] = [];
    let answer: (values: Record<string, string>) => void = () => undefined;
    configureRuntime({
      params: {
        load: () => {
          started.push("load");
          return new Promise((resolve) => (answer = resolve));
        },
      },
    });
    beginParamsLoad();
    // In flight while the rest of the bundle would evaluate.
    expect(started).toEqual(["load"]);
    const init = prepareLambda();
    answer({ API_KEY: "k-1" });
    await init;
    expect(started).toEqual(["load"]);
    expect(params.API_KEY).toBe("k-1");
  });

  test("a preload that fails fails init with its own error, once (Lambda then starts the container again)", async () => {
    let loads = 0;
    configureRuntime({
      params: {
        load: async () => {
          loads++;
          throw new Error("AccessDeniedException: not authorized to perform ssm:GetParameters");
        },
      },
    });
    beginParamsLoad();
    await expect(prepareLambda()).rejects.toThrow(/AccessDeniedException/);
    expect(loads).toBe(1);
  });

  test("IAC_PARAMS_PRELOAD=false (synth found no params read): no load; reserved env names still answer; a missed read fails loudly", async () => {
    let loads = 0;
    configureRuntime({ params: { load: async () => (loads++, { API_KEY: "k", CLOUD_URL: "https://todo.example.com" }) } });
    process.env.IAC_PARAMS_PRELOAD = "false";
    process.env.IAC_STAGE = "qa";
    try {
      api.get("/stage", (_req, res) => res.json({ stage: params.INSTANCE_NAME }));
      api.get("/url", (_req, res) => res.json({ url: params.CLOUD_URL }));
      api.get("/key", (_req, res) => res.json({ key: params.API_KEY }));
      const stage = await handler(httpEvent("GET", "/stage"));
      expect(Reflect.get(Object(stage), "body")).toBe(JSON.stringify({ stage: "qa" }));
      expect(Reflect.get(Object(await handler(httpEvent("GET", "/url"))), "statusCode")).toBe(500);
      expect(Reflect.get(Object(await handler(httpEvent("GET", "/key"))), "statusCode")).toBe(500);
      expect(loads).toBe(0);
      expect(() => params.CLOUD_URL).toThrow(/IAC_PARAMS_PRELOAD=false/);
    } finally {
      delete process.env.IAC_PARAMS_PRELOAD;
      delete process.env.IAC_STAGE;
    }
  });
});

describe("events published from a handler go to the configured backend", () => {
  test("publish returns id, name, time and delay; the backend gets the envelope", async () => {
    const published: EventEnvelope[] = [];
    // Stands in for EventBridge, which is unreachable here.
    configureRuntime({ events: { publish: async (e) => void published.push(e) } });
    api.post("/todos", async (req, res) => {
      const receipt = await events.publish("todo.created", { after: "10 minutes" }, req.body);
      res.json(receipt);
    });
    const result = await handler(httpEvent("POST", "/todos", { headers: { "content-type": "application/json" }, body: '{"t":1}' }));
    const receipt: unknown = JSON.parse(String(Reflect.get(Object(result), "body")));
    expect(receipt).toEqual({ id: published[0].id, name: "todo.created", time: Date.parse(published[0].time), delay: 600_000 });
    expect(published[0].body).toEqual({ t: 1 });
  });
});
