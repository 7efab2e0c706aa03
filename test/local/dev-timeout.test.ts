/**
 * A handler that answers after its route's timeout (the client already got
 * 504) is said once, in one plain line, not as Node's ERR_HTTP_HEADERS_SENT
 * stack. Spawned as `iac dev`.
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
