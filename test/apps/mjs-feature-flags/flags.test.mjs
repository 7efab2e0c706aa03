import { expect, jest, test } from "@jest/globals";
import { api } from "@serverless/cloud";
import { FlagClient } from "./flag-client.mjs";

test("FlagClient.create refreshes once", async () => {
  const spy = jest.spyOn(FlagClient.prototype, "refresh");
  const client = await FlagClient.create(undefined, { a: true });
  expect(spy).toBeCalledTimes(1);
  expect(client.mode).toBe("local");
  expect(client.isEnabled("a")).toBe(true);
  expect(client.isEnabled("a", { a: false })).toBe(false);
  spy.mockRestore();
});

test("defaults without an API key", async () => {
  const { status, body } = await api.get("/flags").invoke();
  expect(status).toBe(200);
  expect(body).toEqual({ mode: "local", environment: "string", flags: { "new-checkout": false, "dark-mode": true } });
});

test("per-user overrides", async () => {
  expect((await api.put("/overrides/ann").invoke({ "new-checkout": true })).status).toBe(200);
  const { body } = await api.get("/flags?user=ann").invoke();
  expect(body.flags["new-checkout"]).toBe(true);
  const bad = await api.put("/overrides/ann").invoke({ "warp-drive": true });
  expect(bad.status).toBe(422);
  expect(bad.body.unknown).toEqual(["warp-drive"]);
});
