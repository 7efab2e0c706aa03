/**
 * The dashboard end to end, in Chromium, against a real `iac dev` of
 * examples/todo and examples/media: each panel's main action, live updates
 * after a save, the token check, and axe-core on every panel (no serious or
 * critical violation). Screenshots of each panel land in
 * test/dashboard/screenshots/.
 */
import * as fs from "fs";
import * as path from "path";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { copyTempApp } from "../support/temp-app";
import { until } from "../local/support/cli";
import { type DevWithDashboard, launchBrowser, screenshot, seriousViolations, startDevWithDashboard } from "./browser-support";

jest.setTimeout(60_000);

let browser: Browser;
let todo: DevWithDashboard;
let media: DevWithDashboard;
const todoApp = copyTempApp("examples/todo");
const mediaApp = copyTempApp("examples/media");

beforeAll(async () => {
  [browser, todo, media] = await Promise.all([launchBrowser(), startDevWithDashboard(todoApp.dir), startDevWithDashboard(mediaApp.dir)]);
});

afterAll(async () => {
  await Promise.all([browser?.close(), todo?.stop(), media?.stop()]);
});

/** A page with the dashboard open on `panel` (the token from the printed URL, then kept by the page). */
async function openDashboard(dev: DevWithDashboard, context: BrowserContext, panel: string): Promise<Page> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`${dev.dashboardUrl}#/${panel}`);
  await page.getByText("live", { exact: true }).waitFor();
  expect(new URL(page.url()).searchParams.get("token")).toBeNull(); // taken out of the address bar
  expect(errors).toEqual([]);
  return page;
}

async function show(page: Page, panel: string): Promise<void> {
  await page.getByRole("tab", { name: panel }).click();
  await page.getByRole("heading", { level: 2, name: panel }).waitFor();
}

/** Waits until `locator`'s text matches `pattern` (answers arrive after the click that asked). */
async function textMatching(locator: Locator, pattern: RegExp): Promise<string> {
  return until(
    async () => {
      const text = (await locator.textContent()) ?? "";
      return pattern.test(text) ? text : undefined;
    },
    `text matching ${pattern} (last: ${await locator.textContent().catch(() => "none")})`,
  );
}

async function checkAccessible(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  expect(await seriousViolations(page)).toEqual([]);
}

describe("the dashboard of examples/todo", () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 860 }, acceptDownloads: true });
    page = await openDashboard(todo, context, "routes");
  });
  afterAll(() => context?.close());

  test("the API asks for the token (401), refuses other origins (403), and the page without it says where to find it", async () => {
    const api = `${todo.url}/_iac/dashboard/api`;
    expect((await fetch(`${api}/overview`)).status).toBe(401);
    expect((await fetch(`${api}/stream`)).status).toBe(401);
    expect((await fetch(`${api}/overview`, { headers: { authorization: `Bearer ${todo.token}`, origin: "http://evil.example" } })).status).toBe(403);
    expect((await fetch(`${api}/overview`, { headers: { authorization: `Bearer ${todo.token}` } })).status).toBe(200);
    const stranger = await browser.newContext();
    const bare = await stranger.newPage();
    await bare.goto(`${todo.url}/_iac/dashboard`);
    await bare.getByText("carries this run's token").waitFor();
    await stranger.close();
  });

  test("the panels are tabs the arrow keys move between; the colours follow the OS's scheme", async () => {
    await show(page, "Routes");
    await page.getByRole("tab", { name: "Routes" }).focus();
    await page.keyboard.press("ArrowRight");
    await page.getByRole("heading", { level: 2, name: "Traces" }).waitFor();
    // Expressions evaluated in the page (this file is compiled without the DOM's types).
    await expect(page.evaluate("document.activeElement?.textContent")).resolves.toBe("Traces");
    await page.keyboard.press("ArrowLeft");
    await page.getByRole("heading", { level: 2, name: "Routes" }).waitFor();
    const background = (p: Page) => p.evaluate("getComputedStyle(document.body).backgroundColor");
    const dark = await browser.newContext({ colorScheme: "dark" });
    const darkPage = await openDashboard(todo, dark, "routes");
    expect(await background(page)).toBe("rgb(255, 255, 255)");
    expect(await background(darkPage)).toBe("rgb(13, 17, 23)");
    await dark.close();
  });

  test("Routes: every route with its source; try it sends a real request and links its trace", async () => {
    await show(page, "Routes");
    await page.getByRole("button", { name: /GET\s*\/todos\s*index\.ts:9/ }).click();
    await page.getByLabel("Query").fill("status=all");
    await page.getByRole("button", { name: "Send" }).click();
    const result = page.getByTestId("try-result");
    await result.getByText("200 OK").waitFor();
    await expect(result.getByLabel("Response body").textContent()).resolves.toContain("Water the plants");
    await checkAccessible(page, "todo-routes");
    await result.getByRole("button", { name: /trace #\d+/ }).click();
    await page.getByRole("heading", { name: /Trace #\d+: GET \/todos/ }).waitFor();
    await page.getByRole("cell", { name: "data.get" }).waitFor();
    await expect(page.locator("table.spans").textContent()).resolves.toContain('"todo:*"');
  });

  test("Schedules & events: run a schedule now; its trace has its data calls and its log lines, which open the log and back", async () => {
    await show(page, "Schedules & events");
    await page.locator("code", { hasText: "rate(60 minutes)" }).waitFor();
    await page.getByText(/in (59|60) min/).waitFor();
    await checkAccessible(page, "todo-schedules-events");
    await page.getByRole("button", { name: "Run now rate(60 minutes)" }).click();
    await page.getByText("ran rate(60 minutes)").waitFor();
    await page.getByRole("button", { name: "runs" }).click();
    await page
      .getByRole("button", { name: /schedule\s*schedule rate\(60 minutes\)/ })
      .first()
      .click();
    await page.getByRole("cell", { name: "data.getByLabel" }).waitFor();
    await checkAccessible(page, "todo-traces");
    const line = page.getByRole("listitem").filter({ hasText: "ALERT: 'Renew the passport' is overdue" });
    await line.getByRole("button", { name: /show in the log/ }).click();
    await page.getByRole("heading", { name: "Logs", level: 2 }).waitFor();
    const focused = page.locator(".logline.focused");
    await expect(focused.textContent()).resolves.toContain("ALERT: 'Renew the passport'");
    await focused.getByRole("button", { name: /trace #\d+/ }).click();
    await page.getByRole("heading", { name: /Trace #\d+: schedule rate\(60 minutes\)/ }).waitFor();
  });

  test("Logs: searched by text and level, live as the app logs", async () => {
    await show(page, "Logs");
    await page.getByRole("search").getByLabel("Text").fill("passport overdue");
    await page.getByRole("button", { name: "Search" }).click();
    await textMatching(page.getByTestId("log-count"), /^1 matching of \d+ held/);
    await expect(page.locator(".logline").first().textContent()).resolves.toContain("ALERT: 'Renew the passport' is overdue");
    // A new run logs again: the line arrives by itself, and matches the search.
    await fetch(`${todo.url}/_iac/schedules?expression=${encodeURIComponent("rate(60 minutes)")}`, {
      method: "POST",
      headers: { authorization: `Bearer ${todo.token}` },
    });
    await until(async () => ((await page.locator(".logline").count()) === 2 ? true : undefined), "the live log line");
    await page.getByRole("search").getByLabel("Text").fill("");
    await page.getByLabel("error").check();
    await page.getByRole("button", { name: "Search" }).click();
    await textMatching(page.getByTestId("log-count"), /^0 matching/);
    await page.getByLabel("error").uncheck();
    await checkAccessible(page, "todo-logs");
  });

  test("Data: browse by pattern and label, edit JSON and labels, add, delete, export and import data.json", async () => {
    page.on("dialog", (dialog) => void dialog.accept());
    await show(page, "Data");
    await page.getByLabel("Key pattern").fill("todo:*");
    await page.getByRole("button", { name: "Query" }).click();
    await page.getByRole("button", { name: /^todo:2/ }).click();
    const value = page.getByLabel("Value (JSON)");
    await until(async () => ((await value.inputValue()).includes("Renew the passport") ? true : undefined), "the item's value in the editor");
    await value.fill(JSON.stringify({ id: "2", name: "Renew the passport today", status: "incomplete", createdAt: "2025-01-10T08:05:00.000Z" }));
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("saved todo:2").waitFor();
    const listed = (await (await fetch(`${todo.url}/todos?status=all`)).json()) as { items: { id: string; name: string }[] };
    expect(listed.items.find((t) => t.id === "2")?.name).toBe("Renew the passport today");
    await checkAccessible(page, "todo-data");

    await page.getByLabel("Index").selectOption("label1");
    await page.getByLabel("Key pattern").fill("status:complete:*");
    await page.getByRole("button", { name: "Query" }).click();
    await textMatching(page.getByTestId("data-count"), /^1 item/);

    await page.getByRole("button", { name: "Add item" }).click();
    await page.getByLabel("Key", { exact: true }).fill("todo:new");
    await page
      .getByLabel("Value (JSON)")
      .fill('{"id":"new","name":"From the dashboard","status":"complete","createdAt":"2025-02-01T00:00:00.000Z","completedAt":"2025-02-02T00:00:00.000Z"}');
    await page.getByRole("textbox", { name: "label1" }).fill("status:complete:2025-02-02T00:00:00.000Z");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("heading", { name: "todo:new" }).waitFor();
    const complete = (await (await fetch(`${todo.url}/todos?status=complete`)).json()) as { items: { id: string }[] };
    expect(complete.items.map((t) => t.id)).toContain("new");
    await page.getByRole("button", { name: "Delete" }).click();
    await until(
      async () =>
        ((await fetch(`${todo.url}/todos?status=all`).then((r) => r.json())) as { items: { id: string }[] }).items.every((t) => t.id !== "new") || undefined,
      "todo:new deleted",
    );

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export data.json" }).click()]);
    expect(download.suggestedFilename()).toBe("data.json");
    const exported = JSON.parse(fs.readFileSync(await download.path(), "utf8")) as { key: string }[];
    expect(exported.map((i) => i.key)).toEqual(expect.arrayContaining(["todo:1", "todo:2", "todo:3", "todo:4"]));
    await page.getByLabel("Import data.json").setInputFiles({
      name: "more.json",
      mimeType: "application/json",
      buffer: Buffer.from(
        JSON.stringify([{ key: "todo:imported", value: { id: "imported", name: "Imported", status: "incomplete", createdAt: "2025-01-01T00:00:00.000Z" } }]),
      ),
    });
    await page.getByText("imported 1 item(s) from more.json").waitFor();
  });

  test("Params: set (a secret stays masked), read by the reloaded app, unset", async () => {
    await show(page, "Params");
    await page.getByRole("rowheader", { name: "APP_NAME" }).waitFor();
    await page.getByLabel("Name").fill("ALERT_CHANNEL");
    await page.getByLabel("Value").fill("#ops");
    await page.getByRole("button", { name: "Set", exact: true }).click();
    await page.getByText("set ALERT_CHANNEL; the app reloaded").waitFor();
    await page.getByRole("row", { name: /ALERT_CHANNEL\s*#ops\s*params.json/ }).waitFor();
    await page.getByLabel("Name").fill("API_TOKEN");
    await page.getByLabel(/secret/).check();
    await page.getByLabel("Value").fill("very-secret-value");
    await page.getByRole("button", { name: "Set", exact: true }).click();
    await page.getByRole("row", { name: /API_TOKEN\s*•+ \(secret\)/ }).waitFor();
    expect(await page.content()).not.toContain("very-secret-value");
    const params = JSON.parse(fs.readFileSync(path.join(todoApp.dir, ".iac", "dev", "params.json"), "utf8")) as Record<string, unknown>;
    expect(params).toMatchObject({ ALERT_CHANNEL: "#ops", API_TOKEN: "very-secret-value", $secret: ["API_TOKEN"] });
    await checkAccessible(page, "todo-params");
    await page.getByRole("button", { name: "Unset ALERT_CHANNEL" }).click();
    await page.getByText("unset ALERT_CHANNEL; the app reloaded").waitFor();
    await until(async () => ((await page.getByRole("rowheader", { name: "ALERT_CHANNEL" }).count()) === 0 ? true : undefined), "ALERT_CHANNEL gone");
  });

  test("Architecture: the graph as a diagram, a node's iac why; a save updates the routes, the diagram and the diagnostics live", async () => {
    await show(page, "Architecture");
    await page.getByRole("button", { name: "route GET /todos" }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("why-summary").textContent()).resolves.toContain("GET /todos is registered at index.ts:9:1");
    await page.getByTestId("no-diagnostics").waitFor();
    await checkAccessible(page, "todo-architecture");

    const entry = path.join(todoApp.dir, "index.ts");
    const original = fs.readFileSync(entry, "utf8");
    fs.writeFileSync(
      entry,
      `${original}\napi.get("/health", (_req, res) => res.json({ ok: true }));\nconst computed = process.env.X ?? "/more";\napi.get(computed, (_req, res) => res.json({}));\n`,
    );
    await page.getByText(/error IAC1001/).waitFor({ timeout: 20_000 });
    await page.getByRole("button", { name: "route GET /health" }).waitFor();
    await page
      .getByText(/version [2-9]/)
      .first()
      .waitFor();
    await show(page, "Routes");
    await page.getByRole("button", { name: /GET\s*\/health/ }).waitFor();
    fs.writeFileSync(entry, original);
    await show(page, "Architecture");
    await page.getByTestId("no-diagnostics").waitFor({ timeout: 20_000 });
  });
});

describe("the dashboard of examples/media", () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 860 }, colorScheme: "dark" });
    page = await openDashboard(media, context, "routes");
  });
  afterAll(() => context?.close());

  const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

  test("Routes: a file body through try it reaches api.upload; the storage listener's work shows in Storage with metadata", async () => {
    await show(page, "Routes");
    await page.getByRole("button", { name: /POST\s*\/media\s/ }).click();
    await page.locator('input[type="file"]').setInputFiles({ name: "dot.png", mimeType: "image/png", buffer: PNG });
    await page.getByRole("button", { name: "Send" }).click();
    await page.getByTestId("try-result").getByText("201 Created").waitFor();
    await checkAccessible(page, "media-routes-dark");

    await show(page, "Storage");
    await page.getByRole("button", { name: /uploads\// }).click();
    const row = page.getByRole("row", { name: /dot\.png/ }).first();
    await row.waitFor();
    await expect(row.textContent()).resolves.toMatch(/image\/png.*name=dot\.png/);
    await checkAccessible(page, "media-storage-dark");
  });

  test("Storage: upload with metadata, download, delete", async () => {
    page.on("dialog", (dialog) => void dialog.accept());
    await show(page, "Storage");
    await page.getByRole("button", { name: "(root)" }).click();
    await page.locator('input[type="file"]').setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("hello from the dashboard") });
    await page.getByLabel("Name").fill("docs/notes.txt");
    await page.getByLabel(/Metadata/).fill("owner=tests");
    await page.getByRole("button", { name: /Upload to/ }).click();
    await page.getByText("uploaded docs/notes.txt").waitFor();
    await page.getByRole("button", { name: /docs\// }).click();
    await expect(page.getByRole("row", { name: /notes\.txt/ }).textContent()).resolves.toMatch(/text\/plain.*owner=tests/);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download docs/notes.txt" }).click()]);
    expect(fs.readFileSync(await download.path(), "utf8")).toBe("hello from the dashboard");
    await page.getByRole("button", { name: "Delete docs/notes.txt" }).click();
    await page.getByText("This folder is empty.").waitFor();
  });

  test("Schedules & events: publish an event; its delivery is a trace; the cron schedule shows its next run", async () => {
    await show(page, "Schedules & events");
    await page.locator("code", { hasText: "cron(0 3 ? * MON *)" }).waitFor();
    await page.getByLabel("Name").fill("media.processed");
    await page.getByLabel("Body (JSON)").fill('{"id":"m1","name":"dot.png"}');
    await page.getByRole("button", { name: "Publish" }).click();
    await page.getByText(/published media\.processed/).waitFor();
    await show(page, "Traces");
    await page
      .getByRole("button", { name: /event\s*event media\.processed/ })
      .first()
      .waitFor();
    await checkAccessible(page, "media-traces-dark");
    await show(page, "Architecture");
    await page
      .getByRole("button", { name: "storage-listener on write uploads/*" })
      .or(page.getByRole("button", { name: /storage-listener/ }).first())
      .first()
      .waitFor();
    await checkAccessible(page, "media-architecture-dark");
  });
});
