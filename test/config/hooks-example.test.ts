/**
 * examples/hooks built through the library's `build()`, as `iac build`
 * does: stage settings and the graph hook shape the graph, the stack and
 * function hooks change the real constructs (iac's own settings kept), and
 * the validate hook passes because every write is limited by LeadingKeys.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { build, type BuildResult } from "../../src/compiler";

const APP = path.join(__dirname, "..", "..", "examples", "hooks");

type Resources = Record<string, { Type: string; Properties: Record<string, any> }>;

describe("examples/hooks on stage prod", () => {
  let result: BuildResult;
  let resources: Resources;
  beforeAll(async () => {
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "iac-hooks-"));
    result = await build(APP, { stage: "prod", outDir: path.join(outDir, "cdk.out") });
    if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
    resources = JSON.parse(fs.readFileSync(result.templatePath, "utf8")).Resources;
  });

  const functions = () => Object.values(resources).filter((r) => r.Type === "AWS::Lambda::Function" && r.Properties.Environment?.Variables?.IAC_FUNCTION);
  const fn = (id: string) => functions().find((r) => r.Properties.Environment.Variables.IAC_FUNCTION === id)!.Properties;

  test("stage settings and the graph hook: prod memory, the http floor from the hook, the http timeout, log retention", () => {
    expect(fn("http").MemorySize).toBe(2048);
    expect(fn("http").Timeout).toBe(20);
    const schedule = result.graph?.functions.find((f) => f.kind === "schedule")?.id ?? "";
    expect(fn(schedule).MemorySize).toBe(2048);
    const retention = Object.values(resources)
      .filter((r) => r.Type === "AWS::Logs::LogGroup")
      .map((r) => r.Properties.RetentionInDays);
    expect(new Set(retention)).toEqual(new Set([365]));
    // The graph written is the one synthesized.
    expect(result.graph?.functions.find((f) => f.id === "http")?.memoryMb).toBe(2048);
  });

  test("function hook: one error alarm per function, iac's runtime and architecture untouched", () => {
    const alarms = Object.values(resources).filter((r) => r.Type === "AWS::CloudWatch::Alarm");
    expect(alarms).toHaveLength(functions().length);
    expect(alarms.map((a) => a.Properties.MetricName)).toEqual(alarms.map(() => "Errors"));
    for (const f of functions()) {
      expect(f.Properties.Runtime).toBe("nodejs22.x");
      expect(f.Properties.Architectures).toEqual(["arm64"]);
    }
  });

  test("stack hook: the cost tag on taggable resources", () => {
    expect(fn("http").Tags).toEqual(
      expect.arrayContaining([
        { Key: "cost-center", Value: "orders" },
        { Key: "stage", Value: "prod" },
      ]),
    );
    const table = Object.values(resources).find((r) => r.Type === "AWS::DynamoDB::Table")!;
    expect(table.Properties.Tags).toEqual(expect.arrayContaining([{ Key: "cost-center", Value: "orders" }]));
  });

  test("validate hook ran and found nothing", () => {
    expect(result.diagnostics.filter((d) => d.code.startsWith("IAC81"))).toEqual([]);
  });
});
