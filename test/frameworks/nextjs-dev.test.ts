/**
 * `iac dev` of Next.js apps: the framework's dev server (`next dev` for the
 * app-router app; the 12.x app's own `cloud:dev` script) behind the dev
 * host's one port, after the SDK's routes. A server page reads what an SDK
 * route wrote (the same local table), and Next's hot-reload WebSocket
 * upgrades through the host (`/_next/hmr` in Next 16, `/_next/webpack-hmr` in 12).
 */
import { upgrade, useFrameworkDev } from "./dev-server";

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
    const { dev, lines } = useFrameworkDev(c.app);

    test("serves an SDK route and a server page that reads its data, on one port", async () => {
      const [route, body] = c.put;
      const put = await fetch(`${dev().url}${route}`, {
        method: route.includes("items") ? "POST" : "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      expect(put.status).toBeLessThan(300);
      const page = await fetch(`${dev().url}${c.page}`);
      const html = await page.text();
      if (page.status !== 200) throw new Error(`${c.page} -> ${page.status}\n${html.slice(0, 500)}\n${lines.join("\n")}`);
      expect(html).toContain(c.shows);
      expect(lines.join("\n")).toContain(c.command);
    }, 120_000);

    test("Next's hot-reload WebSocket upgrades through the host", async () => {
      expect(await upgrade(dev().url, c.hmr)).toBe(101);
    }, 30_000);
  });
}
