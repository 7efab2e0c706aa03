import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Toolkit } from "@aws-cdk/toolkit-lib";
import { EXAMPLES, runCli } from "../support/iac-cli";

function copyExample(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `iac-cli-build-${name}-`));
  fs.cpSync(path.join(EXAMPLES, name), dir, {
    recursive: true,
    filter: (src) => !/[\\/](\.iac|cdk\.out|node_modules)([\\/]|$)/.test(src),
  });
  return dir;
}

describe("iac build", () => {
  it("writes a cloud assembly with stack <app>-<stage>, .iac/graph.json, and a summary (exit 0)", () => {
    const dir = copyExample("todo");
    const out = path.join(dir, "out");
    const run = runCli(["build", dir, "--stage", "qa", "--out", out, "--format", "json"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.ok).toBe(true);
    expect(summary.stackName).toBe("todo-qa");
    expect(summary.functions.map((f: { id: string }) => f.id).sort()).toEqual(["http", "schedule-rate-60-minutes"]);
    for (const f of summary.functions) expect(f.bundleBytes).toBeGreaterThan(1000);
    // Express's iconv-lite and mime-types ride beside the bundle, loaded on demand.
    for (const f of summary.functions) expect(f.lazyBundleBytes).toBeGreaterThan(100_000);
    const manifest = JSON.parse(fs.readFileSync(path.join(out, "manifest.json"), "utf8"));
    expect(Object.keys(manifest.artifacts)).toContain("todo-qa");
    const template = JSON.parse(fs.readFileSync(path.join(out, "todo-qa.template.json"), "utf8"));
    const types = Object.values(template.Resources).map((r) => (r as { Type: string }).Type);
    expect(types).toContain("AWS::DynamoDB::Table");
    expect(types).toContain("AWS::ApiGatewayV2::Api");
    expect(types).toContain("AWS::CloudFront::Distribution");
    const graph = JSON.parse(fs.readFileSync(path.join(dir, ".iac", "graph.json"), "utf8"));
    expect(graph.app.name).toBe("todo");
  });

  it("writes an assembly the stock CDK toolkit reads as it is (what `cdk ls --app <dir>` does)", async () => {
    const dir = copyExample("todo");
    const out = path.join(dir, "out");
    expect(runCli(["build", dir, "--stage", "qa", "--out", out]).status).toBe(0);
    const quiet = { notify: async () => undefined, requestResponse: async <T>(msg: { defaultResponse: T }) => msg.defaultResponse };
    const toolkit = new Toolkit({ ioHost: quiet, color: false, emojis: false });
    const assembly = await toolkit.fromAssemblyDirectory(out);
    const stacks = await toolkit.list(assembly);
    expect(stacks.map((s) => s.name)).toEqual(["todo-qa"]);
  });

  it("on a broken app exits 1 with the located diagnostic and writes nothing", () => {
    const dir = copyExample("todo");
    const index = path.join(dir, "index.ts");
    fs.writeFileSync(index, fs.readFileSync(index, "utf8").replace('"60 minutes"', '"60 minuts"'));
    const out = path.join(dir, "out");
    const run = runCli(["build", dir, "--stage", "qa", "--out", out]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^index\.ts:\d+:\d+ error IAC2\d{3} /m);
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.existsSync(path.join(dir, ".iac", "graph.json"))).toBe(false);
  });

  it("refuses an invalid stage name with exit 1", () => {
    const run = runCli(["build", path.join(EXAMPLES, "todo"), "--stage", "QA_prod", "--out", path.join(os.tmpdir(), "never")]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("IAC8001");
  });
});
