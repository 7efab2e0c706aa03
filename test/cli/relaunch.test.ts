/**
 * src/cli/relaunch.ts: a command that will run CDK's template validation runs
 * itself again under the V8 flags that make it fast; the result (output,
 * template, exit code) is the one the command gives without them.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { validationRequested } from "../../src/cli/relaunch";
import { EXAMPLES, runCli } from "./run-cli";

describe("validationRequested", () => {
  it("is true for synthesizing commands with --validate or CDK_VALIDATION=true", () => {
    expect(validationRequested(["build", ".", "--validate"], {})).toBe(true);
    expect(validationRequested(["build", "--validate=true"], {})).toBe(true);
    expect(validationRequested(["build", "."], { CDK_VALIDATION: "true" })).toBe(true);
    expect(validationRequested(["diff", "main", "."], { CDK_VALIDATION: "true" })).toBe(true);
    expect(validationRequested(["deploy", "--stage", "qa"], { CDK_VALIDATION: "true" })).toBe(true);
  });

  it("is false otherwise", () => {
    expect(validationRequested(["build", "."], {})).toBe(false);
    expect(validationRequested(["build", "."], { CDK_VALIDATION: "false" })).toBe(false);
    expect(validationRequested(["build", "--no-validate"], { CDK_VALIDATION: "true" })).toBe(false);
    expect(validationRequested(["build", "--validate=false"], {})).toBe(false);
    expect(validationRequested(["build", "--help"], { CDK_VALIDATION: "true" })).toBe(false);
    expect(validationRequested(["graph", "."], { CDK_VALIDATION: "true" })).toBe(false);
    expect(validationRequested(["dev", "--validate"], {})).toBe(false);
    expect(validationRequested([], { CDK_VALIDATION: "true" })).toBe(false);
  });
});

describe("iac build --validate (relaunched)", () => {
  it("validates and writes the same template as a build without validation; exit codes pass through", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iac-cli-relaunch-"));
    fs.cpSync(path.join(EXAMPLES, "todo"), dir, { recursive: true, filter: (src) => !/[\\/](\.iac|cdk\.out|node_modules)([\\/]|$)/.test(src) });
    try {
      const on = runCli(["build", dir, "--stage", "qa", "--out", path.join(dir, "on"), "--validate", "--format", "json"]);
      expect(on.stderr).toBe("");
      expect(on.status).toBe(0);
      expect(JSON.parse(on.stdout).ok).toBe(true);
      const off = runCli(["build", dir, "--stage", "qa", "--out", path.join(dir, "off"), "--no-validate"]);
      expect(off.status).toBe(0);
      const template = (out: string) => fs.readFileSync(path.join(dir, out, "todo-qa.template.json"), "utf8");
      expect(template("on")).toBe(template("off"));
      const bad = runCli(["build", dir, "--stage", "Not-A-Stage", "--validate"]);
      expect(bad.status).toBe(1);
      expect(bad.stderr + bad.stdout).toMatch(/invalid stage name/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
