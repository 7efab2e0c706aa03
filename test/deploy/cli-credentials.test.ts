// `iac deploy`, `iac destroy` and `iac params` with no AWS credentials or
// region: spawned with a cleared environment (no AWS_* variables, an empty
// HOME so no ~/.aws files). They must stop before building, with a plain
// message saying what to configure, exit 1.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runCli } from "../support/iac-cli";

let tmp: string;
let app: string;
let bareEnv: NodeJS.ProcessEnv;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "iac-cred-"));
  app = path.join(tmp, "app");
  fs.mkdirSync(path.join(tmp, "home"));
  fs.mkdirSync(app);
  fs.writeFileSync(path.join(app, "package.json"), JSON.stringify({ name: "shop", private: true, main: "index.ts" }));
  fs.writeFileSync(
    path.join(app, "index.ts"),
    'import { api, data } from "iac";\napi.get("/items", async (req, res) => { res.json(await data.get("item:*")); });\n',
  );
  bareEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("AWS_")));
  bareEnv.HOME = path.join(tmp, "home");
  // Instance metadata cannot answer here; disabling it keeps the chain honest about what it tried.
  bareEnv.AWS_EC2_METADATA_DISABLED = "true";
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const run = (args: string[], extra: NodeJS.ProcessEnv = {}) => runCli(args, { cwd: tmp, clearEnv: { ...bareEnv, ...extra } });

describe("no AWS credentials", () => {
  test("iac deploy says what to configure and exits 1 without building", () => {
    const r = run(["deploy", app, "--stage", "qa"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/IAC7401 No AWS credentials found/);
    expect(r.stderr).toMatch(/AWS_PROFILE|AWS_ACCESS_KEY_ID/);
    expect(r.stderr).toMatch(/IAC7402 No AWS region configured/);
    expect(fs.existsSync(path.join(app, "cdk.out"))).toBe(false);
    expect(fs.existsSync(path.join(app, ".iac"))).toBe(false);
  });

  test("with credentials but no region, only the region is asked for", () => {
    const r = run(["deploy", app, "--stage", "qa"], { AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "example" });
    expect(r.status).toBe(1);
    expect(r.stderr).not.toMatch(/IAC7401/);
    expect(r.stderr).toMatch(/IAC7402 No AWS region configured.*\n[\s\S]*AWS_REGION/);
  });

  test("iac destroy on an ephemeral stage checks credentials too", () => {
    const r = run(["destroy", app, "--stage", "dev-alice", "--ephemeral"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/IAC7401 No AWS credentials found/);
  });

  test("iac params list says what to configure", () => {
    const r = run(["params", "list", "--stage", "qa", "--dir", app]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/IAC7401 No AWS credentials found/);
  });
});

describe("iac destroy on a long-lived stage", () => {
  test("refuses without --force and says the table and bucket are retained", () => {
    const r = run(["destroy", app, "--stage", "prod"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/IAC7405 Stage prod is long-lived: refusing to destroy it without --force/);
    expect(r.stderr).toMatch(/table and bucket are retained/);
  });
});

describe("iac destroy on a stage iac.config declares ephemeral", () => {
  test("needs no --force: it goes on to the credential check", () => {
    const sandboxApp = path.join(tmp, "sandbox-app");
    fs.cpSync(app, sandboxApp, { recursive: true });
    fs.writeFileSync(path.join(sandboxApp, "iac.config.js"), 'module.exports = { stages: { "pr-*": { ephemeral: true } } };\n');
    const preview = run(["destroy", sandboxApp, "--stage", "pr-7"]);
    expect(preview.status).toBe(1);
    expect(preview.stderr).not.toMatch(/IAC7405/);
    expect(preview.stderr).toMatch(/IAC7401 No AWS credentials found/);
    const prod = run(["destroy", sandboxApp, "--stage", "prod"]);
    expect(prod.stderr).toMatch(/IAC7405 Stage prod is long-lived/);
  });
});
