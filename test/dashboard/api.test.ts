/**
 * The dashboard's JSON API on a real `iac dev` of a small app: what the
 * browser tests do not reach (paging the whole table, input errors, the
 * guard's body-type check, params from the environment, a storage
 * listener's own trace, params reads in a trace).
 */
import * as fs from "fs";
import * as path from "path";
import { startDev, until, type RunningDev } from "../local/support/cli";
import { writeTempApp } from "../support/temp-app";

const app = writeTempApp({
  "package.json": JSON.stringify({ name: "dash-api" }),
  "index.ts": [
    `import { api, data, params, storage } from "iac";`,
    `api.get("/hello", async (_req, res) => {`,
    `  const greeting = params.GREETING;`,
    `  await data.set("visit:1", { greeting });`,
    `  res.json({ greeting, secret: params.TOKEN !== undefined });`,
    `});`,
    `storage.on("write:inbox/*", async ({ path }) => {`,
    `  console.log("received", path);`,
    `  await data.set("received:" + path.split("/").pop(), { path });`,
    `});`,
  ].join("\n"),
  "data.json": JSON.stringify(Array.from({ length: 30 }, (_, i) => ({ key: `row:${String(i).padStart(2, "0")}`, value: { i } }))),
});

let dev: RunningDev;
let api: string;
const auth = () => ({ authorization: `Bearer ${dev.token}` });
const get = async (path: string) => {
  const res = await fetch(`${api}/${path}`, { headers: auth() });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

beforeAll(async () => {
  dev = await startDev(app.dir, [], { env: { IAC_PARAM_TOKEN: "from-the-environment", IAC_PARAM_GREETING: "hi" } });
  api = `${dev.url}/_iac/dashboard/api`;
  await until(() => (/seeded 30 item/.test(dev.output()) ? true : undefined), "the seed");
});

afterAll(() => dev?.stop());

test("the whole table pages with the cursor each page hands out", async () => {
  const keys: string[] = [];
  let start: string | null = null;
  do {
    const page = await get(`data?pattern=*&limit=7${start ? `&start=${start}` : ""}`);
    expect(page.status).toBe(200);
    keys.push(...(page.body.items as { key: string }[]).map((i) => i.key));
    start = page.body.next as string | null;
  } while (start);
  expect(keys.filter((k) => k.startsWith("row:")).sort()).toEqual(Array.from({ length: 30 }, (_, i) => `row:${String(i).padStart(2, "0")}`));
});

test("a key the data API refuses is a 400 with its message; a missing item too", async () => {
  const bad = await fetch(`${api}/data/item`, {
    method: "PUT",
    headers: { ...auth(), "content-type": "application/json" },
    body: JSON.stringify({ key: "a:b:c:" + "x".repeat(300), value: 1 }),
  });
  expect(bad.status).toBe(400);
  expect(((await bad.json()) as { error: string }).error).toMatch(/key/i);
  expect((await get("data/item?key=row:nope")).status).toBe(400);
});

test("a file upload sent as text/plain is refused as the control endpoint refuses form bodies (415)", async () => {
  const res = await fetch(`${api}/storage/file?path=inbox/a.txt`, { method: "PUT", headers: { ...auth(), "content-type": "text/plain" }, body: "hello" });
  expect(res.status).toBe(415);
});

test("params from the environment are never sent; those the app reads are marked", async () => {
  const { body } = await get("params");
  const rows = body.params as { name: string; value: string | null; masked: boolean; source: string; readByApp: boolean; editable: boolean }[];
  expect(rows.find((p) => p.name === "TOKEN")).toMatchObject({ value: null, masked: true, source: "environment", editable: false });
  expect(JSON.stringify(body)).not.toContain("from-the-environment");
  await until(
    async () => ((await get("params")).body.params as typeof rows).find((p) => p.name === "GREETING")?.readByApp || undefined,
    "the analysis of the params read",
  );
});

test("a request's trace holds its params reads (values masked) and data calls; a storage listener run is its own trace with its log line", async () => {
  expect(await (await fetch(`${dev.url}/hello`)).json()).toEqual({ greeting: "hi", secret: true });
  const uploaded = await fetch(`${api}/storage/file?path=inbox/note.txt&type=text/plain`, {
    method: "PUT",
    headers: { ...auth(), "content-type": "application/octet-stream" },
    body: "hello",
  });
  expect(uploaded.status).toBe(200);
  const listener = await until(
    async () =>
      ((await get("traces")).body.traces as { id: number; label: string; ms?: number }[]).find((t) => t.label === "storage.on write" && t.ms !== undefined),
    "the storage listener's trace",
  );
  const { body } = await get(`traces/${listener.id}`);
  expect((body.trace as { kind: string; spans: { op: string; args: string }[] }).kind).toBe("listener");
  expect((body.trace as { spans: { op: string; args: string }[] }).spans.map((s) => [s.op, s.args])).toEqual([
    ["data.set", '["received:note.txt",{"path":"inbox/note.txt"}]'],
  ]);
  expect((body.logs as { text: string }[]).map((l) => l.text)).toEqual(["received inbox/note.txt"]);

  const request = ((await get("traces?kind=request")).body.traces as { id: number; label: string }[]).find((t) => t.label === "GET /hello");
  const spans = ((await get(`traces/${request?.id}`)).body.trace as { spans: { op: string; args: string; result?: string }[] }).spans;
  expect(spans.map((s) => [s.op, s.args, s.result])).toEqual([
    ["params.read", "GREETING", '"•••" (2 characters)'],
    ["data.set", '["visit:1",{"greeting":"hi"}]', '{"greeting":"hi"}'],
    ["params.read", "TOKEN", '"•••" (20 characters)'],
  ]);
});

test("the log searches by source and trace, and answers how long it took", async () => {
  const { body } = await get("logs?source=storage.on&text=received");
  expect((body.lines as { text: string; trace?: number }[]).map((l) => l.text)).toEqual(["received inbox/note.txt"]);
  expect(typeof body.ms).toBe("number");
  const trace = (body.lines as { trace?: number }[])[0].trace;
  const byTrace = await get(`logs?trace=${trace}`);
  expect(byTrace.body.matched).toBe(1);
});

test("with --no-analysis the routes are the ones the running app registered, without locations, and follow a reload", async () => {
  const plain = writeTempApp({
    "package.json": JSON.stringify({ name: "dash-no-analysis" }),
    "index.ts": `import { api } from "iac";\napi.get("/a", (_req, res) => { res.json({}); });\napi.all("/b/:id", (_req, res) => { res.json({}); });\n`,
  });
  const off = await startDev(plain.dir, ["--no-analysis"]);
  try {
    const routes = async () => {
      const res = await fetch(`${off.url}/_iac/dashboard/api/routes`, { headers: { authorization: `Bearer ${off.token}` } });
      return (await res.json()) as { state: string; source: string; routes: { id: string; method: string; path: string; location?: unknown }[] };
    };
    const first = await routes();
    expect(first).toMatchObject({ state: "off", source: "runtime" });
    expect(first.routes).toEqual([
      { id: "route:GET /a", method: "GET", path: "/a", upload: false },
      { id: "route:ALL /b/:id", method: "ALL", path: "/b/:id", upload: false },
    ]);
    fs.writeFileSync(
      path.join(plain.dir, "index.ts"),
      `import { api } from "iac";\napi.get("/a", (_req, res) => { res.json({}); });\napi.post("/c", (_req, res) => { res.json({}); });\n`,
    );
    await until(async () => ((await routes()).routes.some((r) => r.path === "/c") ? true : undefined), "the reload's routes");
    expect((await routes()).routes.map((r) => r.id)).toEqual(["route:GET /a", "route:POST /c"]);
  } finally {
    await off.stop();
  }
});
