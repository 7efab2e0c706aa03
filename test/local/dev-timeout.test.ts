/**
 * A handler that answers after its route's timeout (the client already got
 * 504) is said once, in one plain line, not as Node's ERR_HTTP_HEADERS_SENT
 * stack; one that keeps writing after its timeout is warned about, since on
 * Lambda those writes would not happen. Spawned as `iac dev`.
 */
import { removeDir, startDev, until, writeApp } from "./support/cli";

test("a late res.json after the route's timeout: one plain line, no stack", async () => {
  const dir = writeApp({
    "package.json": '{ "name": "slow" }\n',
    "index.ts": [
      'import { api } from "iac";',
      'api.get("/slow", { timeout: 1000 }, async (_req, res) => {',
      "  await new Promise((resolve) => setTimeout(resolve, 1400));",
      "  res.json({ late: true });",
      "});",
      'api.get("/ok", (_req, res) => res.json({ ok: true }));',
      "",
    ].join("\n"),
  });
  const dev = await startDev(dir, ["--no-analysis"]);
  try {
    const slow = await fetch(`${dev.url}/slow`);
    expect(slow.status).toBe(504);
    await until(() => (/answered after its 1000 ms timeout/.test(dev.output()) ? true : undefined), "the late-answer line");
    // The server goes on serving.
    expect((await fetch(`${dev.url}/ok`)).status).toBe(200);
    const said = dev.output();
    expect(said).toMatch(/GET \/slow: the handler answered after its 1000 ms timeout; the client had already received 504 Gateway Timeout/);
    expect(said.match(/answered after its/g)).toHaveLength(1);
    expect(said).not.toMatch(/ERR_HTTP_HEADERS_SENT|\n\s+at /);
  } finally {
    await dev.stop();
    removeDir(dir);
  }
});

test("a handler that keeps writing after its route's timeout is warned about once, naming the route and the call", async () => {
  const dir = writeApp({
    "package.json": '{ "name": "late" }\n',
    "index.ts": [
      'import { api, data, events, storage } from "iac";',
      'api.post("/late", { timeout: 1000 }, async (_req, res) => {',
      "  await new Promise((resolve) => setTimeout(resolve, 1300));",
      '  await data.set("late:1", { n: 1 });',
      '  await storage.write("late.txt", "late");',
      '  await events.publish("late.done", { n: 1 });',
      '  await data.set("late:2", { n: 2 });',
      "  res.json({ late: true });",
      "});",
      'api.post("/prompt", { timeout: 1000 }, async (_req, res) => {',
      '  await data.set("prompt:1", { n: 1 });',
      '  await storage.write("prompt.txt", "prompt");',
      "  res.json({ ok: true });",
      "});",
      'api.get("/read/:key", async (req, res) => res.json({ value: (await data.get(req.params.key)) ?? null }));',
      "",
    ].join("\n"),
  });
  const dev = await startDev(dir, ["--no-analysis"]);
  try {
    expect((await fetch(`${dev.url}/prompt`, { method: "POST" })).status).toBe(200);
    expect((await fetch(`${dev.url}/late`, { method: "POST" })).status).toBe(504);
    await until(() => (/answered after its 1000 ms timeout/.test(dev.output()) ? true : undefined), "the late-answer line");
    const said = dev.output();
    expect(said).toMatch(
      /POST \/late: data\.set after the route's 1000 ms timeout; the write landed here, but on Lambda the invocation would have been stopped/,
    );
    expect(said.match(/after the route's \d+ ms timeout/g)).toHaveLength(1);
    expect(said).not.toMatch(/POST \/prompt: /);
    // The writes did land, as the warning says.
    expect(await (await fetch(`${dev.url}/read/late:2`)).json()).toEqual({ value: { n: 2 } });
  } finally {
    await dev.stop();
    removeDir(dir);
  }
});

test("a late events.publish is named when it is the first write after the timeout", async () => {
  const dir = writeApp({
    "package.json": '{ "name": "late-storage" }\n',
    "index.ts": [
      'import { api, events } from "iac";',
      'api.post("/late", { timeout: 1000 }, async (_req, res) => {',
      "  await new Promise((resolve) => setTimeout(resolve, 1300));",
      '  await events.publish("late.done", { n: 1 });',
      "  res.end();",
      "});",
      "",
    ].join("\n"),
  });
  const dev = await startDev(dir, ["--no-analysis"]);
  try {
    expect((await fetch(`${dev.url}/late`, { method: "POST" })).status).toBe(504);
    await until(() => (/POST \/late: events\.publish after the route's 1000 ms timeout/.test(dev.output()) ? true : undefined), "the late-write warning");
  } finally {
    await dev.stop();
    removeDir(dir);
  }
});
