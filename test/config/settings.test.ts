/** Stage settings: which entries apply (globs, then the exact name, over defaults) and how they land on the graph. */
import { applySettings, settingsFor } from "../../src/config";
import type { AppGraph } from "../../src/graph";

const config = {
  defaults: { memoryMb: 512, logRetentionDays: 7 },
  stages: {
    "pr-*": { ephemeral: true, memoryMb: 256 },
    prod: { memoryMb: 2048, functions: { http: { timeoutMs: 25_000 } } },
    "pr-42": { logRetentionDays: 1 },
  },
};

test("exact names override globs, which override defaults", () => {
  expect(settingsFor(config, "pr-42")).toEqual({ ephemeral: true, memoryMb: 256, logRetentionDays: 1 });
  expect(settingsFor(config, "pr-7")).toEqual({ ephemeral: true, memoryMb: 256, logRetentionDays: 7 });
  expect(settingsFor(config, "qa")).toEqual({ memoryMb: 512, logRetentionDays: 7 });
  expect(settingsFor(config, "prod").functions).toEqual({ http: { timeoutMs: 25_000 } });
});

const graph: AppGraph = {
  version: 1,
  app: { name: "a", entry: "index.ts", language: "ts", moduleFormat: "esm" },
  resources: [],
  handlers: [],
  usages: [],
  functions: [
    { id: "http", kind: "http", handlers: [], timeoutMs: 10_000 },
    { id: "schedule-rate-1-hour", kind: "schedule", handlers: [], timeoutMs: 60_000 },
  ],
};

test("settings land on a copy of the graph; the input is untouched", () => {
  const { graph: out, diagnostics } = applySettings(graph, settingsFor(config, "prod"), { file: "iac.config.ts", line: 1, column: 1 });
  expect(diagnostics).toEqual([]);
  expect(out.functions.map((f) => [f.id, f.memoryMb, f.timeoutMs])).toEqual([
    ["http", 2048, 25_000],
    ["schedule-rate-1-hour", 2048, 60_000],
  ]);
  expect(out.app.logRetentionDays).toBe(7);
  expect(graph.functions[0].memoryMb).toBeUndefined();
});

test("a timeout above the kind's limit is an error naming the limit", () => {
  const { diagnostics } = applySettings(graph, { functions: { http: { timeoutMs: 60_000 } } }, { file: "iac.config.ts", line: 1, column: 1 });
  expect(diagnostics).toEqual([expect.objectContaining({ code: "IAC8103", hint: "use at most 29000" })]);
});
