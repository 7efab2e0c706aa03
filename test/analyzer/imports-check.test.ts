/**
 * Imports of the app's own code that cannot work are errors at the import,
 * not an app built without what is behind them: a relative path that names
 * no file (IAC8007) and a name the module does not export (IAC8008), each
 * with the nearest name. What is not the app's code, or not static, is left
 * alone.
 */
import { analyzeFiles, cleanup, codes } from "./helpers";

afterAll(cleanup);

const SETUP = 'import { api } from "@serverless/cloud";\nexport function setup() { api.get("/x", (req, res) => res.send("x")); }\n';

test("a typo in a relative import: IAC8007 at the specifier, with the file it probably meant", () => {
  const r = analyzeFiles({ "index.js": 'import { setup } from "./src/setpu";\nsetup();\n', "src/setup.js": SETUP });
  expect(r.diagnostics).toEqual([
    expect.objectContaining({ code: "IAC8007", severity: "error", location: { file: "index.js", line: 1, column: 23 }, hint: 'did you mean "./src/setup"?' }),
  ]);
});

test("require() of a missing app module is the same error", () => {
  const r = analyzeFiles({
    "index.js": 'const { setup } = require("./lib/setpu.js");\nsetup();\n',
    "lib/setup.js": SETUP.replace("import { api } from", "const { api } = require(")
      .replace('"@serverless/cloud";', '"@serverless/cloud");')
      .replace("export function setup", "exports.setup = function"),
  });
  expect(codes(r)).toEqual(["IAC8007"]);
  expect(r.diagnostics[0].hint).toBe('did you mean "./lib/setup"?');
});

test("a name the module does not export: IAC8008 at the name, with the nearest export; a default import of a module without one too", () => {
  const r = analyzeFiles({
    "index.ts": 'import { setpu } from "./src/setup";\nimport helpers from "./src/setup";\nsetpu(); void helpers;\n',
    "src/setup.ts": SETUP,
  });
  expect(r.diagnostics.filter((d) => d.code === "IAC8008").map((d) => [d.location?.line, d.location?.column, d.message, d.hint])).toEqual([
    [1, 10, '"./src/setup" does not export "setpu"', 'did you mean "setup"?'],
    [2, 8, '"./src/setup" has no default export', "it exports setup"],
  ]);
});

test("left alone: JSON and asset imports, packages, CommonJS targets, star re-exports of packages, type-only imports", () => {
  const r = analyzeFiles({
    "index.ts": [
      'import config from "./config.json";',
      'import { api } from "iac";',
      'import { helper } from "./lib/cjs";',
      'import { anything } from "./lib/reexport";',
      'import type { Shape } from "./lib/types";',
      'import { type Other, real } from "./lib/types";',
      "void config; void helper; void anything; void real;",
      'api.get("/x", (req, res) => res.send("x"));',
      "",
    ].join("\n"),
    "config.json": '{ "a": 1 }\n',
    "lib/cjs.js": "module.exports = { helper() {} };\n",
    "lib/reexport.ts": 'export * from "express";\n',
    "lib/types.ts": "export const real = 1;\n",
  });
  expect(r.diagnostics.filter((d) => d.code === "IAC8007" || d.code === "IAC8008")).toEqual([]);
});
