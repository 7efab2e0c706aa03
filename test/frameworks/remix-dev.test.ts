/**
 * `iac dev` of the Remix app: `remix vite:dev` (the framework's default, no
 * `cloud:dev` script) behind the dev host's one port, after the SDK's
 * routes. A route's `loader` reads what an SDK route wrote (the same
 * local table), and Vite's hot-reload WebSocket upgrades through the host.
 */
import * as http from "http";
import { startDevServer, type DevServer } from "../../src/local/dev/server";
import { frameworkApp } from "../support/frameworks";

/** A WebSocket upgrade as Vite's client makes it (its `vite-hmr` protocol and the page's token): the status it answers. */
function upgrade(url: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}${path}`, {
      headers: {
        connection: "Upgrade",
        upgrade: "websocket",
        "sec-websocket-version": "13",
        "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==",
        "sec-websocket-protocol": "vite-hmr",
      },
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

describe("iac dev remix", () => {
  let dev: DevServer;
  const lines: string[] = [];
  beforeAll(async () => {
    dev = await startDevServer({
      dir: frameworkApp("remix", "dev"),
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

  test("serves an SDK route and a route whose loader reads its data, on one port", async () => {
    const put = await fetch(`${dev.url}/api/items/9`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "dev lamp" }),
    });
    expect(put.status).toBe(200);
    const page = await fetch(`${dev.url}/items/9`);
    const html = await page.text();
    if (page.status !== 200) throw new Error(`/items/9 -> ${page.status}\n${html.slice(0, 500)}\n${lines.join("\n")}`);
    expect(html).toContain("dev lamp");
    const endpoint = await fetch(`${dev.url}/items.json`);
    expect(await endpoint.json()).toEqual({ items: [{ key: "item:9", name: "dev lamp" }] });
    expect(lines.join("\n")).toContain("remix vite:dev --port");
  }, 120_000);

  test("Vite's hot-reload WebSocket upgrades through the host", async () => {
    // Vite accepts the socket of a page it served: its client module carries the token.
    const client = await (await fetch(`${dev.url}/@vite/client`)).text();
    const token = /wsToken\s*=\s*"([^"]+)"/.exec(client)?.[1];
    expect(token).toBeDefined();
    expect(await upgrade(dev.url, `/?token=${token ?? ""}`)).toBe(101);
  }, 30_000);
});
