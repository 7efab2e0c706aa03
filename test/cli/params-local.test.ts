import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { EXAMPLES, runCli } from "../support/iac-cli";

describe("iac params --local", () => {
  it("sets params for the local instance that iac test then sees, and never lists a secret's value", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iac-params-local-"));
    fs.cpSync(path.join(EXAMPLES, "legacy"), dir, { recursive: true, filter: (src) => !/[\\/](\.iac|cdk\.out)([\\/]|$)/.test(src) });

    const set = runCli(["params", "set", "API_KEY", "letmein", "--local", "--dir", dir]);
    expect(set.status).toBe(0);
    expect(set.stdout).toContain("API_KEY for local stage dev");
    const secret = runCli(["params", "set", "WEBHOOK", "s3cr3t-value", "--local", "--secret", "--dir", dir]);
    expect(secret.status).toBe(0);
    expect(secret.stdout).not.toContain("s3cr3t-value");

    const list = runCli(["params", "list", "--local", "--dir", dir]);
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(/^API_KEY\s+letmein$/m);
    expect(list.stdout).toMatch(/^WEBHOOK\s+\(secret\)$/m);
    expect(list.stdout).not.toContain("s3cr3t-value");

    // The legacy example refuses writes without API_KEY; with the local param its tests pass.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("IAC_PARAM_")));
    process.env = env;
    const test = runCli(["test", dir]);
    expect(test.stderr + test.stdout).toMatch(/Tests:\s+\d+ passed/);
    expect(test.status).toBe(0);
  });

  it("asks for --stage when neither --stage nor --local is given (exit 1)", () => {
    const run = runCli(["params", "list", "--dir", path.join(EXAMPLES, "todo")]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("--stage is required (or --local for the local instance)");
  });

  it("rejects an invalid param name with a diagnostic", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iac-params-bad-"));
    const run = runCli(["params", "set", "bad name", "x", "--local", "--dir", dir]);
    expect(run.status).toBe(1);
    expect(fs.existsSync(path.join(dir, ".iac"))).toBe(false);
  });
});
