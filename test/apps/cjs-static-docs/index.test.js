const { api } = require("@serverless/cloud");

test("the guide is served from the public folder under /docs", async () => {
  const res = await api.get("/docs/guide.html").invoke();
  expect(res.status).toBe(200);
  expect(res.headers["content-type"]).toMatch(/text\/html/);
  expect(String(res.body)).toContain("The guide");
});

test("files of the www folder are served at the root", async () => {
  const res = await api.get("/release-notes.txt").invoke();
  expect(res.status).toBe(200);
  expect(String(res.body)).toContain("first release");
});

test("the API answers beside the folders", async () => {
  await api.post("/api/pages/intro").invoke({ title: "Intro" });
  const res = await api.get("/api/pages").invoke();
  expect(res.body).toEqual({ pages: ["Intro"] });
});
