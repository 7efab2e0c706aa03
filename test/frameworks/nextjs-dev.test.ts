/**
 * `iac dev` of Next.js apps: the framework's dev server (`next dev` for the
 * app-router app; the 12.x app's own `cloud:dev` script) behind the dev
 * host's one port, after the SDK's routes. A server page reads what an SDK
 * route wrote (the same local table), and Next's hot-reload WebSocket
 * upgrades through the host (`/_next/hmr` in Next 16, `/_next/webpack-hmr` in 12).
 */
import * as http from "http";
import { startDevServer, type DevServer } from "../../src/local/dev/server";
import { frameworkApp } from "../support/frameworks";

function upgrade(url: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}${path}`, {
      headers: { connection: "Upgrade", upgrade: "websocket", "sec-websocket-version": "13", "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==" },
    });
    req.on("upgrade", (res, socket) => {
      socket.destroy();
      resolve(res.statusCode ?? 0);
    });
    req.on("response", (res) => resolve(res.statusCode ?? 0));
    req.on("error", reject);
    req.end();
  });
}

const CASES = [
  {
    app: "next-app-router",
    command: "next dev",
    hmr: "/_next/hmr?id=iac-test",
    put: ["/api/greeting", { text: "hello from iac dev" }],
    page: "/",
    shows: "hello from iac dev",
  },
  {
    app: "next12-pages",
    command: "next dev --port $PORT",
    hmr: "/_next/webpack-hmr",
    put: ["/api/items/9", { name: "dev lamp" }],
    page: "/items/9",
    shows: "dev lamp",
  },
] as const;

for (const c of CASES) {
  describe(`iac dev ${c.app}`, () => {
    let dev: DevServer;
    const lines: string[] = [];
    beforeAll(async () => {
      dev = await startDevServer({
        dir: frameworkApp(c.app, "dev"),
        port: 0,
        stage: "devtest",
        watch: false,
        write: (line) => lines.push(line),
        onDiagnostics: () => undefined,
      });
    }, 60_000);
    afterAll(async () => {
      await dev?.close();
    });

    test("serves an SDK route and a server page that reads its data, on one port", async () => {
      const [route, body] = c.put;
      const put = await fetch(`${dev.url}${route}`, {
        method: route.includes("items") ? "POST" : "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      expect(put.status).toBeLessThan(300);
      const page = await fetch(`${dev.url}${c.page}`);
      const html = await page.text();
      if (page.status !== 200) throw new Error(`${c.page} -> ${page.status}\n${html.slice(0, 500)}\n${lines.join("\n")}`);
      expect(html).toContain(c.shows);
      expect(lines.join("\n")).toContain(c.command);
    }, 120_000);

    test("Next's hot-reload WebSocket upgrades through the host", async () => {
      expect(await upgrade(dev.url, c.hmr)).toBe(101);
    }, 30_000);
  });
}
