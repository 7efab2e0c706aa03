/**
 * `iac dev` spawned on a temp copy of examples/todo: real HTTP requests,
 * edits on disk, the log stream on stdout, Ctrl-C.
 */
import type { ChildProcess } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { copyApp, removeDir, runIac, startIac, until } from "./support/cli";

async function getJson(url: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url);
  return { status: res.status, body: await res.json() };
}

describe("iac dev", () => {
  let dir: string;
  let child: ChildProcess;
  let out = "";
  let url: string;
  let token: string;

  beforeAll(async () => {
    dir = copyApp("examples/todo");
    child = startIac(["dev", dir, "--port", "0", "--ttl-sweep", "0.2"]);
    child.stdout?.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr?.on("data", (c: Buffer) => (out += c.toString()));
    url = await until(() => /at (http:\/\/localhost:\d+)/.exec(out)?.[1], "the URL");
    token = await until(() => /control: http:\/\/localhost:\d+\/_iac\?token=(\S+)/.exec(out)?.[1], "the control URL");
  });

  afterAll(async () => {
    if (child.exitCode === null) child.kill("SIGKILL");
    removeDir(dir);
  });

  test("serves seeded data, static files and routes; logs requests", async () => {
    const { status, body } = await getJson(`${url}/todos?status=all`);
    expect(status).toBe(200);
    const names = (body as { items: { name: string }[] }).items.map((t) => t.name);
    expect(names).toContain("Water the plants"); // from data.json, seeded on the stage's first start

    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toBe("no-cache");
    expect(await page.text()).toContain("<html");

    await until(() => (/GET \/todos\?status=all 200 \d+ ms/.test(out) ? true : undefined), "a request line");
  });

  test("iac data import --overwrite into the running stage replaces the keys it names and keeps every other item", async () => {
    const file = path.join(dir, "import.json");
    fs.writeFileSync(
      file,
      JSON.stringify([
        { key: "todo:4", value: { id: "4", name: "Read two books", status: "incomplete" }, label1: "status:incomplete:9999-12-31T23:59:59.999Z" },
      ]),
    );
    const run = await runIac(["data", "import", file, "--dir", dir, "--overwrite"]);
    expect(run.code).toBe(0);
    const { body } = await getJson(`${url}/todos?status=all`);
    const names = (body as { items: { name: string }[] }).items.map((t) => t.name);
    expect(names).toContain("Read two books");
    expect(names).toContain("Water the plants");
    expect(names).not.toContain("Read a book");
  });

  test("an edit is served without a restart, and data survives the reload", async () => {
    const created = await fetch(`${url}/todos/kept`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Survive a reload" }),
    });
    expect(created.status).toBe(200);

    const entry = path.join(dir, "index.ts");
    fs.writeFileSync(entry, fs.readFileSync(entry, "utf8").replace("res.json({ items });", 'res.json({ items, version: "edited" });'));
    const after = await until(async () => {
      const { body } = await getJson(`${url}/todos?status=all`);
      return Reflect.get(Object(body), "version") === "edited" ? body : undefined;
    }, "the edited handler");
    expect((after as { items: { id: string }[] }).items.map((t) => t.id)).toContain("kept");
    expect(out).toMatch(/reloaded in \d+ ms \(version 2\)/);
  });

  test("a broken edit (saved atomically) reports the located error and keeps the last good version serving", async () => {
    // Saved the way many editors save: a temp file renamed over the original.
    const entry = path.join(dir, "index.ts");
    const serving = [...out.matchAll(/\(version (\d+)\)/g)].pop()?.[1];
    fs.writeFileSync(`${entry}.tmp`, `${fs.readFileSync(entry, "utf8")}\napi.get('/broken', (req, res) => { res.json({ ok: true }) ;\n`);
    fs.renameSync(`${entry}.tmp`, entry);
    await until(() => (/index\.ts:\d+:\d+ error IAC8002 syntax error/.test(out) ? true : undefined), "the syntax error, as iac build reports it");
    // The diagnostics come on stderr and the log line on stdout: two pipes, either may arrive first.
    await until(() => (out.includes(`still serving version ${serving}`) ? true : undefined), `"still serving version ${serving}"`);
    expect(out).not.toMatch(/IAC7001/);
    const { status, body } = await getJson(`${url}/todos?status=all`);
    expect(status).toBe(200);
    expect(Reflect.get(Object(body), "version")).toBe("edited");
  });

  test("a schedule fires by hand through the control endpoint, with its logs attributed", async () => {
    const status = await getJson(`${url}/_iac?token=${token}`);
    expect(status.body).toMatchObject({ app: "todo", stage: "dev", schedules: ["rate(60 minutes)"] });
    const ran = await fetch(`${url}/_iac/schedules?expression=${encodeURIComponent("rate(60 minutes)")}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(ran.status).toBe(200);
    // data.json has an incomplete todo due in 2025: the hourly check logs it.
    await until(() => (/\[schedule rate\(60 minutes\)\] log ALERT: 'Renew the passport' is overdue/.test(out) ? true : undefined), "the schedule's log line");
  });

  test("expired items are deleted by the instance, as DynamoDB's TTL does (--ttl-sweep)", async () => {
    const created = await fetch(`${url}/todos/brief`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Gone in a second", ttl: 1 }),
    });
    expect(created.status).toBe(200);
    await until(() => (/data: 1 expired item\(s\) deleted \(ttl\)/.test(out) ? true : undefined), "the ttl sweep's log line");
    const { body } = await getJson(`${url}/todos?status=all`);
    expect((body as { items: { id: string }[] }).items.map((t) => t.id)).not.toContain("brief");
  });

  test("the terminal accepts commands, and Ctrl-C stops cleanly", async () => {
    child.stdin?.write("s\n");
    await until(() => (/1\. rate\(60 minutes\)/.test(out) ? true : undefined), "the schedule list");
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGINT");
    expect(await exited).toBe(0);
    expect(out).toContain("stopped");
    expect(fs.existsSync(path.join(dir, ".iac", "dev", "dev.json"))).toBe(false);
  });
});

test("iac dev with a negative --ttl-sweep says so and exits 1", async () => {
  const run = await runIac(["dev", "examples/todo", "--port", "0", "--ttl-sweep", "-1"]);
  expect(run.code).toBe(1);
  expect(run.stderr).toContain("--ttl-sweep must be a number of seconds, 0 or more (got -1)");
});

test("iac dev on a busy port says so and exits 1", async () => {
  const blocker = net.createServer();
  await new Promise<void>((resolve) => blocker.listen(0, resolve));
  const address = blocker.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const dir = copyApp("templates/js-api");
  try {
    const run = await runIac(["dev", dir, "--port", String(port)]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`port ${port} is already in use`);
  } finally {
    blocker.close();
    removeDir(dir);
  }
});

test('iac dev runs a "type": "module" app with top-level await and params read at load, and reloads it', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iac-dev-esm-"));
  fs.writeFileSync(path.join(dir, "package.json"), '{ "name": "dev-esm", "type": "module" }\n');
  fs.mkdirSync(path.join(dir, ".iac", "dev"), { recursive: true });
  fs.writeFileSync(path.join(dir, ".iac", "dev", "params.json"), '{ "WHO": "world" }\n');
  const entry = path.join(dir, "index.js");
  const source = (word: string) =>
    [
      'import { api, params } from "@serverless/cloud";',
      "const who = params.WHO;",
      `const greeting = await Promise.resolve("${word} " + who);`,
      'api.get("/hi", (req, res) => res.json({ greeting, dir: typeof __dirname, absent: params.NOT_SET ?? null }));',
      "",
    ].join("\n");
  fs.writeFileSync(entry, source("hello"));
  const child = startIac(["dev", dir, "--port", "0"]);
  let out = "";
  child.stdout?.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (out += c.toString()));
  try {
    const url = await until(() => /at (http:\/\/localhost:\d+)/.exec(out)?.[1], "the URL");
    expect(await getJson(`${url}/hi`)).toEqual({ status: 200, body: { greeting: "hello world", dir: "string", absent: null } });
    fs.writeFileSync(entry, source("bonjour"));
    await until(async () => ((await getJson(`${url}/hi`)).body as { greeting: string }).greeting === "bonjour world" || undefined, "the reloaded version");
    expect(out).not.toContain("failed to load");
  } finally {
    child.kill("SIGKILL");
    removeDir(dir);
  }
});
