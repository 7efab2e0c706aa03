/**
 * src/cli/relaunch.ts: a command that will run CDK's template validation runs
 * itself again under the V8 flags that make it fast, decided on the parsed
 * command line; the result (output, template, exit code) is the one the
 * command gives without them. Which processes ran is recorded by a module
 * every process preloads (NODE_OPTIONS=--require, inherited by the child).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { VALIDATION_V8_FLAGS, validationRequested } from "../../src/cli/relaunch";
import { runCli } from "../support/iac-cli";
import { copyTempApp } from "../support/temp-app";

describe("validationRequested", () => {
  it("is true for synthesizing commands asked to validate, by --validate or CDK_VALIDATION=true", () => {
    expect(validationRequested({ command: "build", validate: true }, {})).toBe(true);
    expect(validationRequested({ command: "build", validate: undefined }, { CDK_VALIDATION: "true" })).toBe(true);
    expect(validationRequested({ command: "diff", validate: undefined }, { CDK_VALIDATION: "true" })).toBe(true);
    expect(validationRequested({ command: "deploy", validate: undefined }, { CDK_VALIDATION: "true" })).toBe(true);
  });

  it("is false otherwise; the flag wins over the environment", () => {
    expect(validationRequested({ command: "build", validate: undefined }, {})).toBe(false);
    expect(validationRequested({ command: "build", validate: undefined }, { CDK_VALIDATION: "false" })).toBe(false);
    expect(validationRequested({ command: "build", validate: false }, { CDK_VALIDATION: "true" })).toBe(false);
    expect(validationRequested({ command: "graph", validate: undefined }, { CDK_VALIDATION: "true" })).toBe(false);
    expect(validationRequested({ command: undefined, validate: undefined }, { CDK_VALIDATION: "true" })).toBe(false);
  });
});

describe("the relaunch, as bin/iac.js runs it", () => {
  let work: string;
  let probe: string;
  beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "iac-relaunch-"));
    probe = path.join(work, "probe.js");
    // Records each process (not its threads); with IAC_TEST_REFUSE set, makes the parent's spawns of Node see what another Node would do.
    fs.writeFileSync(
      probe,
      [
        'const fs = require("fs");',
        // Processes only: the validation engine's worker thread (src/synth/validation.ts) runs this too.
        "if (require(\"worker_threads\").isMainThread) fs.appendFileSync(process.env.IAC_TEST_PROCESSES, JSON.stringify(process.execArgv) + '\\n');",
        "const mode = process.env.IAC_TEST_REFUSE;",
        "if (mode) {",
        '  const cp = require("child_process");',
        "  const spawnSync = cp.spawnSync;",
        `  const flags = ${JSON.stringify(VALIDATION_V8_FLAGS)};`,
        "  cp.spawnSync = (file, args, options) => {",
        "    if (!args.some((a) => flags.includes(a))) return spawnSync(file, args, options);",
        // A Node that does not know the flags: they are spelt so that this one does not either.
        "    if (mode === 'flags') return spawnSync(file, args.map((a) => (flags.includes(a) ? a + '-unknown' : a)), options);",
        // A child that cannot be started at all.
        "    if (mode === 'start' && !args.includes('--version')) return spawnSync(file + '-missing', args, options);",
        "    return spawnSync(file, args, options);",
        "  };",
        "}",
        "",
      ].join("\n"),
    );
  });
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  /** Runs iac with the probe; returns the run and each process's node flags, in start order. */
  function traced(args: string[], env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string; processes: string[][] } {
    const log = path.join(work, `processes-${Math.random().toString(36).slice(2)}.log`);
    const run = runCli(args, { env: { CDK_VALIDATION: "", ...env, IAC_TEST_PROCESSES: log, NODE_OPTIONS: `--require ${probe}` } });
    const processes = fs
      .readFileSync(log, "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as string[]);
    return { ...run, processes };
  }

  const RELAUNCHED = [[], [...VALIDATION_V8_FLAGS]];
  const IN_PROCESS = [[]];

  it("relaunches on the parsed command line, wherever the flags stand, and not when validation is off", () => {
    // A folder that does not exist: the command fails fast (exit 1) in whichever process runs it.
    const missing = path.join(work, "no-such-app");
    const cases: [string[], NodeJS.ProcessEnv, string[][]][] = [
      [["build", missing, "--stage", "qa", "--validate"], {}, RELAUNCHED],
      [["--stage", "qa", "build", missing, "--validate"], {}, RELAUNCHED],
      [["build", missing, "--validate=true", "--stage", "qa"], {}, RELAUNCHED],
      [["build", missing, "--stage", "qa"], { CDK_VALIDATION: "true" }, RELAUNCHED],
      [["build", missing, "--stage", "qa", "--validate", "false"], {}, IN_PROCESS],
      [["build", missing, "--stage", "qa", "--no-validate"], { CDK_VALIDATION: "true" }, IN_PROCESS],
      [["build", missing, "--stage", "qa"], {}, IN_PROCESS],
      [["graph", missing], { CDK_VALIDATION: "true" }, IN_PROCESS],
      [["build", "--help"], { CDK_VALIDATION: "true" }, IN_PROCESS],
    ];
    for (const [args, env, expected] of cases) {
      const run = traced(args, env);
      expect({ args, env, processes: run.processes }).toEqual({ args, env, processes: expected });
      expect({ args, status: run.status }).toEqual({ args, status: args.includes("--help") ? 0 : 1 });
      // The command ran once, in whichever process: its one error, once.
      if (!args.includes("--help")) expect({ args, errors: run.stderr.match(/IAC8001 .*no-such-app/g) }).toEqual({ args, errors: [expect.any(String)] });
    }
  });

  it("runs the command in this process, silently, when Node refuses the flags or the child cannot start", () => {
    const missing = path.join(work, "no-such-app");
    for (const mode of ["flags", "start"]) {
      const run = traced(["build", missing, "--stage", "qa", "--validate"], { IAC_TEST_REFUSE: mode });
      expect({ mode, processes: run.processes }).toEqual({ mode, processes: IN_PROCESS });
      expect(run.status).toBe(1);
      expect(run.stderr.match(/IAC8001 .*no-such-app/g)).toHaveLength(1);
      expect(run.stderr).not.toMatch(/bad option|ENOENT|spawn/);
    }
  });

  it("validates and writes the same template as a build without validation; exit codes pass through", () => {
    const app = copyTempApp("examples/todo");
    const on = traced(["build", app.dir, "--stage", "qa", "--out", path.join(app.dir, "on"), "--validate", "--format", "json"]);
    expect(on.processes).toEqual(RELAUNCHED);
    expect(on.stderr).toBe("");
    expect(on.status).toBe(0);
    expect(JSON.parse(on.stdout).ok).toBe(true);
    const off = runCli(["build", app.dir, "--stage", "qa", "--out", path.join(app.dir, "off"), "--no-validate"]);
    expect(off.status).toBe(0);
    const template = (out: string) => fs.readFileSync(path.join(app.dir, out, "todo-qa.template.json"), "utf8");
    expect(template("on")).toBe(template("off"));
    const bad = traced(["build", app.dir, "--stage", "Not-A-Stage", "--validate"]);
    expect(bad.processes).toEqual(RELAUNCHED);
    expect(bad.status).toBe(1);
    expect(bad.stderr + bad.stdout).toMatch(/invalid stage name/);
  });
});
