// Run with `npx iac test examples/legacy`. Writes need the stage's API_KEY
// param: set it for the local stage before running (see README.md).
const { api, data, params } = require("@serverless/cloud");

beforeAll(async () => {
  await data.seed([
    {
      key: "bookmark:t1",
      value: { id: "t1", url: "https://nodejs.org/", title: "Node.js", folder: "tools", visits: 0, created: "2025-02-01T00:00:00.000Z" },
      label2: "folder:tools:t1",
    },
  ]);
});

function apiKey() {
  const key = params.API_KEY;
  if (!key) throw new Error("API_KEY is not set for the test stage (see examples/legacy/README.md)");
  return { "x-api-key": key };
}

test("the Express app answers JSON from data", async () => {
  const { status, body } = await api.get("/api/bookmarks/t1").invoke();
  expect(status).toBe(200);
  expect(body).toMatchObject({ title: "Node.js", folder: "tools" });

  const missing = await api.get("/api/bookmarks/nope").invoke();
  expect(missing.status).toBe(404);
});

test("a folder is a label query", async () => {
  const { body } = await api.get("/api/bookmarks?folder=tools").invoke();
  expect(body.items.map((b) => b.id)).toContain("t1");
  const other = await api.get("/api/bookmarks?folder=empty-folder").invoke();
  expect(other.body.items).toEqual([]);
});

test("writes without the API key are refused", async () => {
  const { status } = await api.post("/api/bookmarks").invoke({ url: "https://example.com/" });
  expect([401, 503]).toContain(status);
  const wrong = await api.post("/api/bookmarks").invoke({ url: "https://example.com/" }, { headers: { "x-api-key": "wrong" } });
  expect([401, 503]).toContain(wrong.status);
});

test("with the API key: create, import, delete", async () => {
  const created = await api.post("/api/bookmarks").invoke({ url: "https://example.com/a", folder: "tools" }, { headers: apiKey() });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ url: "https://example.com/a", title: "example.com", folder: "tools", visits: 0 });

  const tools = await api.get("/api/bookmarks?folder=tools").invoke();
  expect(tools.body.items.map((b) => b.id)).toEqual(expect.arrayContaining(["t1", created.body.id]));

  const imported = await api
    .post("/api/bookmarks/import")
    .invoke([{ url: "https://one.example/" }, { url: "https://two.example/", folder: "reading" }], { headers: apiKey() });
  expect(imported.status).toBe(200);
  expect(imported.body.imported.map((b) => b.url)).toEqual(["https://one.example/", "https://two.example/"]);

  const bad = await api.post("/api/bookmarks").invoke({ url: "ftp://old.example/" }, { headers: apiKey() });
  expect(bad.status).toBe(400);
  expect(bad.body.error).toMatch(/http or https/);

  const removed = await api.delete(`/api/bookmarks/${created.body.id}`).invoke(undefined, { headers: apiKey() });
  expect(removed.status).toBe(204);
  expect(await data.get(`bookmark:${created.body.id}`)).toBeFalsy();
});

test("visits are counted atomically", async () => {
  await Promise.all(Array.from({ length: 10 }, () => api.post("/api/bookmarks/t1/visit").invoke()));
  const { body } = await api.get("/api/bookmarks/t1").invoke();
  expect(body.visits).toBe(10);
});

test("unknown API paths are JSON 404s; other paths fall back to the SPA", async () => {
  const apiMiss = await api.get("/api/nothing-here").invoke();
  expect(apiMiss.status).toBe(404);
  expect(apiMiss.body).toEqual({ error: "no route for GET /nothing-here" });

  const page = await api.get("/folders/tools").invoke();
  expect(page.status).toBe(200);
  expect(String(page.headers["content-type"])).toMatch(/text\/html/);
  expect(String(page.body)).toContain("<h1>Bookmarks</h1>");
});
