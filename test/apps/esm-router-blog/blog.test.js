import { api, data } from "@serverless/cloud";
import { registerRoutes } from "./lib/router.js";

const eventually = async (fn) => {
  for (let i = 0; i < 60; i++) {
    if (await fn()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("condition never became true");
};

describe("registerRoutes", () => {
  test("wires every table entry", () => {
    const fakeApi = { get: jest.fn(), post: jest.fn() };
    const h = () => {};
    registerRoutes(fakeApi, [["get", "/a", h]], [["post", "/b", h], ["get", "/c", h]]);
    expect(fakeApi.get).toBeCalledTimes(2);
    expect(fakeApi.post).toBeCalledWith("/b", expect.any(Function));
    expect(fakeApi.get).nthCalledWith(2, "/c", expect.any(Function));
  });
});

describe("blog", () => {
  test("published posts come from data.json", async () => {
    const { body } = await api.get("/posts").invoke();
    expect(body.map((p) => p.slug)).toEqual(["hello-world"]);
    const { body: bySam } = await api.get("/posts?author=sam").invoke();
    expect(bySam).toHaveLength(2);
  });

  test("reading a post sets a cookie", async () => {
    const { status, headers } = await api.get("/posts/hello-world").invoke();
    expect(status).toBe(200);
    expect(headers["set-cookie"]).toEqual(["last_read=hello-world; Path=/"]);
  });

  test("comments bump the counter through a data listener", async () => {
    const created = await api.post("/posts").invoke({ title: "Testing Listeners!", author: "kim", published: true });
    expect(created.status).toBe(201);
    expect(created.body.slug).toBe("testing-listeners");
    await api.post("/posts/testing-listeners/comments").invoke({ text: "nice", by: "lee" });
    await api.post("/posts/testing-listeners/comments").invoke({ text: "+1" });
    await eventually(async () => (await data.get("post:testing-listeners")).commentCount === 2);
    const { body } = await api.get("/posts/testing-listeners/comments").invoke();
    expect(body.map((c) => c.by)).toEqual(["lee", "anonymous"]);
  });

  test("deleting a post cascades to its comments", async () => {
    await data.remove("post:testing-listeners");
    await eventually(async () => (await data.get("comment_testing-listeners:*")).items.length === 0);
  });

  test("errors", async () => {
    expect((await api.post("/posts/nope/comments").invoke({ text: "x" })).status).toBe(404);
    expect((await api.post("/posts").invoke({ title: "no author" })).status).toBe(400);
  });
});
