/**
 * `api.static(dir, { path })` and `http.static(dir)`: the folder is part of
 * the graph (the HTTP function ships it), and one that cannot be shipped is
 * an error where it is named.
 */
import { analyzeFiles, cleanup } from "./helpers";

afterAll(cleanup);

test("api.static and http.static folders are middleware of the HTTP function, in registration order", () => {
  const r = analyzeFiles({
    "index.js":
      'const { api, http } = require("iac");\napi.static("./public", { path: "/docs" });\nhttp.static("www");\napi.get("/x", (q, s) => s.send("x"));\n',
    "public/a.html": "<p>a</p>",
    "www/b.txt": "b",
  });
  expect(r.diagnostics).toEqual([]);
  const api = r.graph.resources.find((x) => x.kind === "api");
  expect(api?.kind === "api" ? api.middleware.map((m) => [m.folder, m.path, m.order]) : []).toEqual([["public", "/docs", 0]]);
  const http = r.graph.resources.find((x) => x.kind === "http");
  expect(http?.kind === "http" ? http.folders?.map((f) => f.dir) : []).toEqual(["www"]);
  expect(r.graph.functions.find((f) => f.id === "http")?.handlers).toEqual(expect.arrayContaining(["middleware:0", "http-static:0"]));
});

test.each([
  ["a computed folder", "const dir = process.env.DIR;\napi.static(dir);", 3, "is not a static string"],
  ["a folder that does not exist", 'api.static("assets");', 2, 'api.static("assets") names no folder inside the app directory'],
  ["a folder outside the app", 'api.static("../elsewhere");', 2, "names no folder inside the app directory"],
  ["http.static of a file", 'http.static("index.js");', 2, "names no folder inside the app directory"],
])("%s: IAC1009 where it is named", (_name, body, line, message) => {
  const r = analyzeFiles({ "index.js": `const { api, http } = require("iac");\n${body}\n` });
  expect(r.diagnostics).toEqual([
    expect.objectContaining({ code: "IAC1009", severity: "error", location: expect.objectContaining({ file: "index.js", line }) }),
  ]);
  expect(r.diagnostics[0].message).toContain(message);
});
