const http = require("http");
const { api } = require("@serverless/cloud");
const Signer = require("./lib/signer");
const app = require("./index");

describe("Signer", () => {
  it("round-trips and rejects tampering", () => {
    const s = new Signer("k");
    const token = s.sign("alice");
    expect(s.verify(token)).toBe("alice");
    expect(s.verify(token.replace("alice", "mallory"))).toBeNull();
    expect(s.verify(undefined)).toBeNull();
  });

  it("tolerates a missing secret", () => {
    const s = new Signer(undefined);
    expect(s.ephemeral).toBe(true);
    expect(s.verify(s.sign("bob"))).toBe("bob");
  });
});

describe("auth flow", () => {
  let server;
  let port;
  beforeAll(async () => {
    server = http.createServer(app);
    await new Promise((r) => server.listen(0, r));
    port = server.address().port;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
  });

  it("signs up, logs in and reads /me", async () => {
    const signup = await api.post("/auth/signup").invoke({ username: "carol", password: "correct horse" });
    expect(signup.status).toBe(201);

    const login = await fetch(`http://localhost:${port}/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "carol", password: "correct horse" }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get("set-cookie").split(";")[0];
    expect(cookie).toMatch(/^session=carol\./);

    const me = await api.get("/me").invoke(undefined, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ username: "carol" });
  });

  it("rejects wrong passwords and duplicate users", async () => {
    expect((await api.post("/auth/login").invoke({ username: "carol", password: "nope nope" })).status).toBe(401);
    expect((await api.post("/auth/signup").invoke({ username: "carol", password: "whatever1" })).status).toBe(409);
    expect((await api.get("/me").invoke()).status).toBe(401);
  });

  it("logout clears the cookie", async () => {
    const { headers } = await api.post("/auth/logout").invoke();
    expect(headers["set-cookie"]).toEqual([expect.stringMatching(/^session=; /)]);
  });
});
