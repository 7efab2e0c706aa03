/**
 * `iac dev` of the Vite-based framework apps, each with the framework's
 * default dev server (no `cloud:dev` script) behind the dev host's one port,
 * after the SDK's routes: a page reads what an SDK route wrote (the same
 * local table), an endpoint answers, and Vite's hot-reload WebSocket
 * upgrades through the host.
 */
import { upgrade, useFrameworkDev } from "./dev-server";

const CASES = [
  { app: "sveltekit", command: "vite dev --port", page: "a server page whose load" },
  { app: "astro", command: "astro dev --port", page: "a page whose frontmatter" },
  { app: "remix", command: "remix vite:dev --port", page: "a route whose loader" },
] as const;

describe.each(CASES)("iac dev $app", ({ app, command, page: what }) => {
  const { dev, lines } = useFrameworkDev(app);

  test(`serves an SDK route and ${what} reads its data, on one port`, async () => {
    const url = dev().url;
    const put = await fetch(`${url}/api/items/9`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "dev lamp" }),
    });
    expect(put.status).toBe(200);
    const page = await fetch(`${url}/items/9`);
    const html = await page.text();
    if (page.status !== 200) throw new Error(`/items/9 -> ${page.status}\n${html.slice(0, 500)}\n${lines.join("\n")}`);
    expect(html).toContain("dev lamp");
    const endpoint = await fetch(`${url}/items.json`);
    expect(await endpoint.json()).toEqual({ items: [{ key: "item:9", name: "dev lamp" }] });
    expect(lines.join("\n")).toContain(command);
  }, 120_000);

  test("Vite's hot-reload WebSocket upgrades through the host", async () => {
    // Vite accepts the socket of a page it served: its client module carries the token.
    const client = await (await fetch(`${dev().url}/@vite/client`)).text();
    const token = /wsToken\s*=\s*"([^"]+)"/.exec(client)?.[1];
    expect(token).toBeDefined();
    expect(await upgrade(dev().url, `/?token=${token ?? ""}`, "vite-hmr")).toBe(101);
  }, 30_000);
});
