/**
 * The SDK used as a value (scan.ts's escape sites): what cannot be followed
 * is a located IAC6102 diagnostic, and the graph holds what calls through
 * it could need, so the deployed app works; registrations that cannot be
 * inferred that way are an error, never a silent miss.
 */
import { APP_HANDLER } from "../../src/graph";
import { analyzeFiles, cleanup } from "./helpers";

afterAll(cleanup);

test("data handed to a package's class: the table with every label index, every operation for every function, and a warning where it escapes", () => {
  const r = analyzeFiles({
    "index.js": [
      'import { api, data } from "@serverless/cloud";',
      'import { NoteRepo } from "kv-repositories";',
      "const notes = new NoteRepo(data);",
      'api.get("/notes", async (req, res) => res.json(await notes.list()));',
      "",
    ].join("\n"),
  });
  const warning = r.diagnostics.find((d) => d.code === "IAC6102");
  expect(warning).toMatchObject({ severity: "warning", location: { file: "index.js", line: 3, column: 28 } });
  expect(warning?.message).toContain("`data` is used as a value here");
  const data = r.graph.resources.find((x) => x.kind === "data");
  expect(data).toMatchObject({ labels: ["label1", "label2", "label3", "label4", "label5"] });
  const ops = r.graph.usages.filter((u) => u.resource === "data" && u.handler === APP_HANDLER).map((u) => u.operation);
  expect(new Set(ops)).toEqual(new Set(["get", "query", "getByLabel", "set", "remove", "add", "seed", "seedOverwrite"]));
  expect(r.graph.functions.map((f) => f.id)).toEqual(["http"]);
});

test("api handed to a package: an HTTP function that runs what the package registers", () => {
  const r = analyzeFiles({
    "index.js": ['const { api } = require("@serverless/cloud");', 'require("express-autoroutes")(api, { dir: "routes" });', ""].join("\n"),
  });
  expect(r.diagnostics.filter((d) => d.code === "IAC6102").map((d) => [d.severity, d.location?.file, d.location?.line])).toEqual([["warning", "index.js", 2]]);
  const api = r.graph.resources.find((x) => x.kind === "api");
  expect(api?.kind === "api" ? api.middleware.length : -1).toBe(1);
  expect(r.graph.functions.map((f) => f.id)).toEqual(["http"]);
});

test("exporting the SDK again is not handing it on: no escape for re-export modules", () => {
  const r = analyzeFiles({
    "index.js": ['const { api } = require("./lib/cloud");', 'api.get("/x", (req, res) => res.send("x"));', ""].join("\n"),
    "lib/cloud.js": ['const { api, data } = require("@serverless/cloud");', "module.exports = { api, data };", "exports.data = data;", ""].join("\n"),
  });
  expect(r.diagnostics.filter((d) => d.code === "IAC6102")).toEqual([]);
  expect(r.graph.functions.map((f) => f.id)).toEqual(["http"]);
});

test("schedule handed to a package: its schedules cannot be deployed, an error where it escapes", () => {
  const r = analyzeFiles({
    "index.ts": ['import { schedule } from "iac";', 'import { registerJobs } from "cron-jobs-kit";', "registerJobs(schedule);", ""].join("\n"),
  });
  const error = r.diagnostics.find((d) => d.code === "IAC6102");
  expect(error).toMatchObject({ severity: "error", location: { file: "index.ts", line: 3, column: 14 } });
  expect(error?.message).toContain("schedule registrations made through it are not found, so not deployed");
});

test("the whole SDK handed to a package (`cloud`): every area assumed where it can be, the rest named", () => {
  const r = analyzeFiles({
    "index.ts": ['import cloud from "@serverless/cloud";', 'import { start } from "app-kernel";', "start({ cloud });", ""].join("\n"),
  });
  const warning = r.diagnostics.find((d) => d.code === "IAC6102");
  expect(warning).toMatchObject({ severity: "warning", location: { file: "index.ts", line: 3, column: 9 } });
  expect(warning?.message).toContain("the SDK is used as a value");
  expect(warning?.message).toContain("schedule registrations");
  expect(r.graph.resources.map((x) => x.kind).sort()).toEqual(expect.arrayContaining(["api", "data", "params", "storage"]));
});

test.each([
  [
    "a method bound off the interface",
    'const post = api.post.bind(api);\npost("/x", (req, res) => res.send("x"));',
    "`api.post` is used as a value here",
    "api",
    2,
  ],
  ["a method called with .call", 'api.put.call(api, "/x", (req, res) => res.send("x"));', "`api.put` is used as a value here", "api", 2],
  [
    "routes by a computed method name",
    'for (const m of ["get", "post"]) api[m]("/x", (req, res) => res.send("x"));',
    "`api[…]` is called by a computed name here",
    "api",
    2,
  ],
  [
    "data by a computed operation",
    'const op = String("get");\napi.get("/x", async (req, res) => res.json(await data[op]("a:1")));',
    "`data[…]` is called by a computed name here",
    "data",
    3,
  ],
  [
    "a method handed to Reflect.apply",
    'api.get("/x", async (req, res) => res.json(await Reflect.apply(events.publish, undefined, ["x", {}])));',
    "`events.publish` is used as a value here",
    "events",
    2,
  ],
] as const)("%s: diagnosed where it happens, and the deployed app still has what it needs", (_name, body, message, area, line) => {
  const r = analyzeFiles({ "index.js": `const { api, data, events } = require("@serverless/cloud");\n${body}\n` });
  const d = r.diagnostics.find((x) => x.code === "IAC6102");
  expect(d?.severity).toBe("warning");
  expect(d?.message).toContain(message);
  expect(d?.location).toMatchObject({ file: "index.js", line });
  expect(r.graph.functions.map((f) => f.id)).toContain("http");
  if (area === "data") expect(r.graph.resources.some((x) => x.kind === "data")).toBe(true);
  if (area === "events") expect(r.graph.usages.some((u) => u.resource === "events" && u.operation === "publish")).toBe(true);
});

test("a module whose module.exports is the SDK, handed to a package: the same warning as the SDK itself", () => {
  const r = analyzeFiles({
    "index.js": ['const sdk = require("./whole");', 'require("plugin-host").register(sdk);', ""].join("\n"),
    "whole.js": 'module.exports = require("@serverless/cloud");\n',
  });
  expect(r.diagnostics.find((d) => d.code === "IAC6102")).toMatchObject({ location: { file: "index.js", line: 2 } });
});
