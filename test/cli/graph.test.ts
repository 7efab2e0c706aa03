import { writeApp } from "../local/support/cli";
import * as path from "path";
import { EXAMPLES, runCli } from "../support/iac-cli";

const tempApp = (files: Record<string, string>): string => writeApp(files, "iac-cli-graph-");

describe("iac graph", () => {
  it("prints the todo example's routes, schedule, data indexes and functions as a tree (exit 0)", () => {
    const run = runCli(["graph", path.join(EXAMPLES, "todo")]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/GET\s+\/todos\s+index\.ts:\d+:\d+/);
    expect(run.stdout).toMatch(/DELETE\s+\/todos\/:id/);
    expect(run.stdout).toContain("schedule rate(60 minutes)");
    expect(run.stdout).toContain("labels: label1");
    expect(run.stdout).toContain("schedule-rate-60-minutes (schedule, timeout 60s)");
  });

  it("--format json is the graph itself, parseable, with ok and diagnostics", () => {
    const run = runCli(["graph", path.join(EXAMPLES, "todo"), "--format", "json"]);
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.ok).toBe(true);
    expect(out.graph.version).toBe(1);
    expect(out.graph.app.name).toBe("todo");
    expect(out.graph.functions.map((f: { id: string }) => f.id)).toEqual(["http", "schedule-rate-60-minutes"]);
  });

  it("--format mermaid draws functions, handlers and the resources they touch", () => {
    const run = runCli(["graph", path.join(EXAMPLES, "todo"), "--format", "mermaid"]);
    expect(run.status).toBe(0);
    expect(run.stdout.split("\n")[0]).toBe("flowchart LR");
    expect(run.stdout).toContain("subgraph fn_http");
    expect(run.stdout).toMatch(/h_route_GET__todos -->\|query\| res_data/);
  });

  it("exits 1 with a located diagnostic and a code frame for an invalid schedule", () => {
    const dir = tempApp({
      "package.json": JSON.stringify({ name: "bad", main: "index.ts" }),
      "index.ts": 'import { schedule } from "iac";\n\nschedule.every("5 minuts", async () => {});\n',
    });
    const run = runCli(["graph", dir]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^index\.ts:3:16 error IAC2\d{3} /m);
    expect(run.stderr).toContain('> 3 | schedule.every("5 minuts", async () => {});');
    expect(run.stderr).toMatch(/hint: .*5 minutes/);
  });

  it("exits 1 when the entry cannot be found, and says where it looked", () => {
    const dir = tempApp({ "README.md": "no code here\n" });
    const run = runCli(["graph", dir, "--format", "json"]);
    expect(run.status).toBe(1);
    const out = JSON.parse(run.stdout);
    expect(out.ok).toBe(false);
    expect(out.diagnostics[0].severity).toBe("error");
    expect(out.diagnostics[0].message).toMatch(/entry|index/i);
  });

  it("rejects an unknown flag with a usage message and exit 1; --help exits 0", () => {
    const bad = runCli(["graph", "--nope"]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/Unknown argument/);
    const help = runCli(["graph", "--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("--format");
  });
});
