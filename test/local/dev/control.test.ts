import express from "express";
import type { AddressInfo } from "net";
import type { Server } from "http";
import { controlRouter, CONTROL_PATH, type ControlTarget } from "../../../src/local/dev/control";
import type { SeedItem } from "../../../src/runtime/data/types";

/** The control router alone, in front of a target that records what it is asked. */
function serve(): Promise<{ url: string; server: Server; ran: string[]; imported: SeedItem[][] }> {
  const ran: string[] = [];
  const imported: SeedItem[][] = [];
  const target: ControlTarget = {
    status: () => ({}),
    runSchedule: async (expression) => void ran.push(expression),
    publish: async () => ({ id: "1" }),
    exportData: async () => [],
    importData: async (items) => (imported.push(items), items.length),
    reload: async () => ({ ok: true, version: 1 }),
  };
  const app = express();
  app.use(CONTROL_PATH, controlRouter(target));
  return new Promise((resolve) => {
    const server = app.listen(0, "127.0.0.1", () => {
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${CONTROL_PATH}`, server, ran, imported });
    });
  });
}

const json = (body: unknown): RequestInit => ({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("the control endpoint checks its JSON bodies", () => {
  let control: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    control = await serve();
  });
  afterAll(() => new Promise<void>((done) => control.server.close(() => done())));

  test("POST /data: the data.json schema, the first problem named by its path", async () => {
    const bad = await fetch(
      `${control.url}/data`,
      json([
        { key: "a", value: 1 },
        { key: "b", value: 2, label1: 3 },
      ]),
    );
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: "the request body: [1].label1: expected a string, got 3" });
    const notAList = await fetch(`${control.url}/data`, json({ item: [] }));
    expect(await notAList.json()).toEqual({ error: "the request body: items: expected an array of { key, value } items (or { items: [...] })" });
    const good = await fetch(`${control.url}/data`, json({ items: [{ key: "a", value: 1 }] }));
    expect(await good.json()).toEqual({ items: 1 });
    expect(control.imported).toEqual([[{ key: "a", value: 1 }]]);
  });

  test("POST /schedules: the expression from the query or a { expression } body; anything else is a 400 that says both forms", async () => {
    expect(await (await fetch(`${control.url}/schedules`, json({ expression: "rate(1 hour)" }))).json()).toEqual({ ran: "rate(1 hour)" });
    expect(await (await fetch(`${control.url}/schedules?expression=rate(2%20hours)`, { method: "POST" })).json()).toEqual({ ran: "rate(2 hours)" });
    const bad = await fetch(`${control.url}/schedules`, json({ expression: 5 }));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: expect.stringMatching(/\?expression=rate\(1 hour\), or a body \{ "expression": "rate\(1 hour\)" \}/) });
    expect(control.ran).toEqual(["rate(1 hour)", "rate(2 hours)"]);
  });
});
