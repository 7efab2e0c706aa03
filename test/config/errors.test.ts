/**
 * A broken iac.config fails the build with a diagnostic located in the
 * config file (IAC81xx), from the library and from the CLI alike. Each case
 * is a tiny app written to a temp dir; only the hook cases synthesize.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { build } from "../../src/compiler";
import { runCli } from "../support/iac-cli";

const APP = `import { api, data } from "iac";
api.get("/n", async (_req, res) => { res.json(await data.get("counter:n")); });
`;

function app(config: string, name = "iac.config.ts"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iac-config-"));
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "cfg", main: "index.ts" }));
  fs.writeFileSync(path.join(dir, "index.ts"), APP);
  fs.writeFileSync(path.join(dir, name), config);
  return dir;
}

async function diagnosticsOf(dir: string, stage = "qa") {
  const result = await build(dir, { stage });
  expect(result.ok).toBe(false);
  expect(fs.existsSync(path.join(dir, ".iac", "graph.json"))).toBe(false);
  return result.diagnostics.filter((d) => d.severity === "error");
}

test("a stack hook that throws points at the line that threw", async () => {
  const dir = app(`import { defineConfig } from "iac/compiler";
export default defineConfig({
  hooks: {
    stack(stack) {
      throw new Error("no VPC for " + stack.stackName);
    },
  },
});
`);
  const [d, ...rest] = await diagnosticsOf(dir);
  expect(rest).toEqual([]);
  expect(d).toMatchObject({
    code: "IAC8105",
    message: 'iac.config hook "stack" threw: no VPC for cfg-qa',
    location: { file: "iac.config.ts", line: 5, column: 13 },
  });
});

test("a validate finding fails the build with the hook's message and hint", async () => {
  const dir = app(
    `module.exports = {
  hooks: {
    validate: (graph, template) => Object.keys(template.Resources).length > 0 && graph.app.name === "cfg"
      ? [{ message: "no tables on Fridays", hint: "wait for Monday" }, { message: "just saying", severity: "warning" }]
      : [],
  },
};
`,
    "iac.config.js",
  );
  const diagnostics = (await build(dir, { stage: "qa" })).diagnostics.filter((d) => d.code === "IAC8110");
  expect(diagnostics).toEqual([
    { code: "IAC8110", severity: "error", message: "no tables on Fridays", hint: "wait for Monday", location: { file: "iac.config.js", line: 1, column: 1 } },
    { code: "IAC8110", severity: "warning", message: "just saying", location: { file: "iac.config.js", line: 1, column: 1 } },
  ]);
});

test("the graph hook and settings: an unknown function and a typo are rejected with suggestions", async () => {
  const dir = app(`export default { stages: { qa: { functions: { htp: { memoryMb: 512 } } } }, hoks: {} };\n`, "iac.config.mjs");
  const [d] = await diagnosticsOf(dir);
  expect(d).toMatchObject({ code: "IAC8103", message: "unknown setting iac.config.hoks", hint: 'did you mean "hooks"?' });

  const dir2 = app(`export default { stages: { qa: { functions: { htp: { memoryMb: 512 } } } } };\n`, "iac.config.mjs");
  const [d2] = await diagnosticsOf(dir2);
  expect(d2).toMatchObject({ code: "IAC8103", message: 'iac.config sets function "htp", which the app does not have', hint: 'did you mean "http"?' });
});

test("a graph hook that throws, and one that breaks the graph", async () => {
  const throws = app(`export default { hooks: { graph() { null.x; } } };\n`);
  const [d] = await diagnosticsOf(throws);
  expect(d).toMatchObject({ code: "IAC8104", location: { file: "iac.config.ts", line: 1, column: 42 } });

  const breaks = app(`export default { hooks: { graph(g) { g.functions[0].memoryMb = 64; } } };\n`);
  const [d2] = await diagnosticsOf(breaks);
  expect(d2).toMatchObject({ code: "IAC8108", message: expect.stringContaining("memoryMb 64 is outside 128..10240") });
});

test("a syntax error is located by esbuild", async () => {
  const dir = app(`export default {\n  stages: { qa: { memoryMb: 512 }\n};\n`);
  const [d] = await diagnosticsOf(dir);
  expect(d.code).toBe("IAC8101");
  expect(d.location).toMatchObject({ file: "iac.config.ts", line: 3 });
});

test("iac build (CLI): the same diagnostic, rendered at the config file, exit code 1", () => {
  const dir = app(`export default { defaults: { memoryMb: 64 } };\n`);
  const run = runCli(["build", dir, "--stage", "qa"]);
  expect(run.status).toBe(1);
  expect(run.stdout + run.stderr).toContain("iac.config.ts:1:1");
  expect(run.stdout + run.stderr).toContain("IAC8103");
  expect(run.stdout + run.stderr).toContain("defaults.memoryMb must be a whole number of MB from 128 to 10240, got 64");
});
