const { api, data } = require("@serverless/cloud");
const app = require("./server");

describe("link shortener (Koa)", () => {
  let server, base;

  beforeAll((done) => {
    server = app.listen(0, () => {
      base = `http://127.0.0.1:${server.address().port}`;
      done();
    });
  });

  afterAll((done) => {
    server.close(done);
  });

  test("creates a link through the Koa app directly", async () => {
    const res = await fetch(`${base}/links`, { method: "POST", body: JSON.stringify({ slug: "docs", url: "https://example.com/docs" }) });
    expect(res.status).toBe(201);
    expect(await data.get("link:docs")).toMatchObject({ url: "https://example.com/docs", hits: 0 });
  });

  test("redirects and counts hits through the cloud api", async () => {
    const first = await api.get("/docs").invoke();
    expect(first.status).toBe(302);
    expect(first.headers.location).toBe("https://example.com/docs");
    await api.get("/docs").invoke();
    const { body } = await api.get("/links/docs/stats").invoke();
    expect(body).toEqual({ slug: "docs", hits: 2 });
  });

  test("validation", async () => {
    const dupe = await api.post("/links").invoke({ slug: "docs", url: "https://example.org" });
    expect(dupe.status).toBe(409);
    const bad = await api.post("/links").invoke({ slug: "Bad Slug", url: "https://example.org" });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/slug must be/);
    const missing = await fetch(`${base}/nothing-here`);
    expect(missing.status).toBe(404);
  });
});
