/**
 * `iac dev`'s network surface, spawned: it listens on loopback only unless
 * `--host` says otherwise; its control endpoint asks for the run's token,
 * refuses other origins and form bodies; the state file that hands the
 * token to `iac data` is the owner's only. Also: the app's name is the
 * pinned identity's (iac.app.json), as `iac build` names it.
 */
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { removeDir, runIac, startDev, writeApp, type RunningDev } from "./support/cli";

const APP = {
  "package.json": '{ "name": "renamed-in-package-json" }\n',
  "iac.app.json": '{ "app": "pinned", "id": "pinned-0123456789ab" }\n',
  "index.ts": [
    'import { api, data, params } from "iac";',
    'api.get("/name", (_req, res) => res.json({ name: params.APP_NAME }));',
    'api.post("/items/:id", async (req, res) => { await data.set(`item:${req.params.id}`, { id: req.params.id }); res.json({ ok: true }); });',
    "",
  ].join("\n"),
};

/** A non-loopback IPv4 address of this machine, if it has one. */
function externalAddress(): string | undefined {
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) if (a.family === "IPv4" && !a.internal) return a.address;
  }
  return undefined;
}

function connects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(2000, () => (socket.destroy(), resolve(false)));
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

describe("iac dev, default host", () => {
  let dir: string;
  let dev: RunningDev;
  let port: number;

  beforeAll(async () => {
    dir = writeApp(APP);
    dev = await startDev(dir, ["--no-analysis"]);
    port = Number(new URL(dev.url).port);
  });

  afterAll(async () => {
    await dev.stop();
    removeDir(dir);
  });

  test("listens on 127.0.0.1 only, without a warning", async () => {
    expect(await connects("127.0.0.1", port)).toBe(true);
    const external = externalAddress();
    if (external) expect(await connects(external, port)).toBe(false);
    expect(dev.output()).not.toMatch(/reachable from other machines/);
  });

  test("prints the control URL with a per-run token", () => {
    expect(dev.controlUrl).toBe(`${dev.url}/_iac?token=${dev.token}`);
    expect(dev.token.length).toBeGreaterThanOrEqual(32);
  });

  test("/_iac without the token, or with a wrong one: 401", async () => {
    expect((await fetch(`${dev.url}/_iac`)).status).toBe(401);
    expect((await fetch(`${dev.url}/_iac/data`)).status).toBe(401);
    expect((await fetch(`${dev.url}/_iac/reload`, { method: "POST" })).status).toBe(401);
    expect((await fetch(`${dev.url}/_iac?token=wrong`)).status).toBe(401);
    expect((await fetch(`${dev.url}/_iac`, { headers: { authorization: "Bearer wrong" } })).status).toBe(401);
    expect((await fetch(`${dev.url}/_iac`, { headers: { authorization: `Bearer ${dev.token}x` } })).status).toBe(401);
  });

  test("/_iac with the token (header or query): 200; the app's name is iac.app.json's", async () => {
    const byQuery = await fetch(dev.controlUrl);
    expect(byQuery.status).toBe(200);
    expect(await byQuery.json()).toMatchObject({ app: "pinned", stage: "dev" });
    const byHeader = await fetch(`${dev.url}/_iac/data`, { headers: { authorization: `Bearer ${dev.token}` } });
    expect(byHeader.status).toBe(200);
    expect(await (await fetch(`${dev.url}/name`)).json()).toEqual({ name: "pinned" });
    expect(dev.output()).toContain("pinned (stage dev) at");
  });

  test("a cross-origin request with the right token: 403; the server's own origin: 200", async () => {
    const auth = { authorization: `Bearer ${dev.token}` };
    expect((await fetch(`${dev.url}/_iac`, { headers: { ...auth, origin: "https://evil.example" } })).status).toBe(403);
    const post = await fetch(`${dev.url}/_iac/data`, {
      method: "POST",
      headers: { ...auth, origin: "http://localhost:1", "content-type": "application/json" },
      body: "[]",
    });
    expect(post.status).toBe(403);
    expect((await fetch(`${dev.url}/_iac`, { headers: { ...auth, origin: dev.url } })).status).toBe(200);
  });

  test("a form-encoded, multipart or text/plain POST is refused (415), even with the token", async () => {
    const auth = { authorization: `Bearer ${dev.token}` };
    const url = `${dev.url}/_iac/data?overwrite=true`;
    for (const type of ["application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain;charset=UTF-8"]) {
      expect((await fetch(url, { method: "POST", headers: { ...auth, "content-type": type }, body: '[{"key":"item:evil","value":{}}]' })).status).toBe(415);
    }
    const json = await fetch(url, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: '[{"key":"item:good","value":{"id":"good"}}]',
    });
    expect(json.status).toBe(200);
  });

  test("the token does not reach the request log", () => {
    expect(dev.output()).toContain("GET /_iac?token=… 200");
    const besidesTheControlLine = dev
      .output()
      .split("\n")
      .filter((line) => !line.includes("control: ") && !line.includes("dashboard: "));
    expect(besidesTheControlLine.join("\n")).not.toContain(dev.token);
  });

  test("the state file holds the token, owner-only (0600); iac data export and import reach the running server", async () => {
    const state = path.join(dir, ".iac", "dev", "dev.json");
    if (process.platform !== "win32") expect(fs.statSync(state).mode & 0o777).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(state, "utf8"))).toMatchObject({ token: dev.token });
    const file = path.join(dir, "in.json");
    fs.writeFileSync(file, JSON.stringify([{ key: "item:imported", value: { id: "imported" } }]));
    const imported = await runIac(["data", "import", file, "--dir", dir]);
    expect(imported.code).toBe(0);
    expect((await fetch(`${dev.url}/items/live`, { method: "POST" })).status).toBe(200);
    const exported = await runIac(["data", "export", "--dir", dir]);
    expect(exported.code).toBe(0);
    // Written by the running server, which holds the store locked: only reachable through its control endpoint.
    expect(exported.stdout).toContain("item:live");
    expect(exported.stdout).toContain("item:imported");
    expect(exported.stdout).toContain("item:good");
  });
});

test("iac dev --host 0.0.0.0 warns that the app and its data are reachable from other machines", async () => {
  const dir = writeApp(APP);
  const dev = await startDev(dir, ["--no-analysis", "--host", "0.0.0.0"]);
  try {
    expect(dev.output()).toMatch(/listening on 0\.0\.0\.0: the app and its data are reachable from other machines/);
    const external = externalAddress();
    if (external) expect(await connects(external, Number(new URL(dev.url).port))).toBe(true);
    expect((await fetch(`${dev.url}/_iac`)).status).toBe(401);
  } finally {
    await dev.stop();
    removeDir(dir);
  }
});

test("iac dev with an invalid iac.app.json says so and exits 1, as iac build does", async () => {
  const dir = writeApp({ ...APP, "iac.app.json": '{ "app": "Not Valid", "id": "x" }\n' });
  try {
    const run = await runIac(["dev", dir, "--port", "0", "--no-analysis"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('iac.app.json: "app" must be 1 to 64 of a-z, 0-9');
  } finally {
    removeDir(dir);
  }
});

test("iac dev --host with an address this machine does not have says so and exits 1", async () => {
  const dir = writeApp(APP);
  try {
    const run = await runIac(["dev", dir, "--port", "0", "--no-analysis", "--host", "203.0.113.9"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("cannot listen on 203.0.113.9: it is not an address of this machine");
  } finally {
    removeDir(dir);
  }
});
