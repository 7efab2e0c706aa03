/**
 * Params from usage: a function may read exactly the params its
 * own code reads, and the runtime is told those names (IAC_PARAMS_NAMES);
 * only a function that reaches a computed read (`params[x]`, warned as
 * IAC5004 where it is) may read the stage's whole path; a function that
 * reads none has no SSM access and loads nothing (IAC_PARAMS_PRELOAD=false).
 * Secrets are params too: one function's secret is not another's.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Template } from "aws-cdk-lib/assertions";
import { Code } from "aws-cdk-lib/aws-lambda";
import { Template as Assertions } from "aws-cdk-lib/assertions";
import { analyze } from "../../src/compiler";
import { APP_HANDLER, type AppGraph, type Usage } from "../../src/graph";
import { buildApp } from "../../src/synth";
import { loadGraph, synthGraph } from "../synth/helpers";
import { permissionsByFunction, type Permission } from "./support";

const ARN = (app: string, stage: string, name: string) => `arn:<AWS::Partition>:ssm:<AWS::Region>:<AWS::AccountId>:parameter/iac/${app}/${stage}/${name}`;

function ssm(template: Template, fn: string): Permission[] {
  return permissionsByFunction(template)[fn].filter((s) => s.actions.some((a) => a.startsWith("ssm:")));
}

function envOf(template: Template, fn: string): Record<string, unknown> {
  for (const r of Object.values<{ Type: string; Properties: Record<string, any> }>(template.toJSON().Resources)) {
    if (r.Type === "AWS::Lambda::Function" && r.Properties.Environment?.Variables?.IAC_FUNCTION === fn) return r.Properties.Environment.Variables;
  }
  throw new Error(`no function ${fn}`);
}

/** The `everything` fixture with its params reads replaced by `reads` (handler id → names, or undefined for a computed read). */
function withReads(reads: [string, string[] | undefined][]): AppGraph {
  const graph = loadGraph("everything");
  const location = { file: "src/x.js", line: 3, column: 7 };
  const usages: Usage[] = reads.map(([handler, names]) => ({
    handler,
    resource: "params",
    operation: "read",
    scope: names ? { names } : {},
    location,
    via: [],
  }));
  return { ...graph, usages: [...graph.usages.filter((u) => u.resource !== "params"), ...usages] };
}

test("each function reads only its own params, by name; the runtime is told which", async () => {
  const { template } = await synthGraph(
    withReads([
      ["route:GET /orders", ["STRIPE_SECRET"]],
      ["route:POST /orders/:id", ["STRIPE_SECRET", "CLOUD_URL"]],
      ["schedule:rate(5 minutes)", ["REPORT_EMAIL"]],
    ]),
    { stage: "qa" },
  );
  expect(ssm(template, "http")).toEqual([
    { effect: "Allow", actions: ["ssm:GetParameters"], resources: [ARN("shop", "qa", "CLOUD_URL"), ARN("shop", "qa", "STRIPE_SECRET")] },
  ]);
  expect(envOf(template, "http").IAC_PARAMS_NAMES).toBe("CLOUD_URL,STRIPE_SECRET");
  expect(ssm(template, "schedule-rate-5-minutes")).toEqual([
    { effect: "Allow", actions: ["ssm:GetParameters"], resources: [ARN("shop", "qa", "REPORT_EMAIL")] },
  ]);
  expect(envOf(template, "schedule-rate-5-minutes").IAC_PARAMS_NAMES).toBe("REPORT_EMAIL");
  // The schedule cannot read the API's secret, and nobody may list the path.
  expect(JSON.stringify(ssm(template, "schedule-rate-5-minutes"))).not.toContain("STRIPE_SECRET");
  for (const fn of Object.keys(permissionsByFunction(template))) {
    expect(ssm(template, fn).flatMap((s) => s.actions)).not.toContain("ssm:GetParametersByPath");
  }
});

test("a function that reads no param gets no SSM access and loads none, even when others do", async () => {
  const { template } = await synthGraph(withReads([["route:GET /orders", ["STRIPE_SECRET"]]]), { stage: "qa" });
  for (const fn of ["schedule-rate-5-minutes", "events-order-created", "data-listeners", "storage-listeners"]) {
    expect(ssm(template, fn)).toEqual([]);
    expect(envOf(template, fn).IAC_PARAMS_PRELOAD).toBe("false");
    expect(envOf(template, fn).IAC_PARAMS_NAMES).toBeUndefined();
  }
  expect(envOf(template, "http").IAC_PARAMS_PRELOAD).toBeUndefined();
});

test("start-up code's reads reach every function; the reserved names from the environment need no SSM", async () => {
  const { template } = await synthGraph(withReads([[APP_HANDLER, ["API_KEY", "APP_NAME", "INSTANCE_NAME", "ORG_NAME"]]]), { stage: "qa" });
  for (const fn of Object.keys(permissionsByFunction(template))) {
    expect(ssm(template, fn)).toEqual([{ effect: "Allow", actions: ["ssm:GetParameters"], resources: [ARN("shop", "qa", "API_KEY")] }]);
    expect(envOf(template, fn).IAC_PARAMS_NAMES).toBe("API_KEY");
  }
  const { template: reservedOnly } = await synthGraph(withReads([[APP_HANDLER, ["APP_NAME"]]]), { stage: "qa" });
  expect(ssm(reservedOnly, "http")).toEqual([]);
  expect(envOf(reservedOnly, "http").IAC_PARAMS_PRELOAD).toBe("false");
});

test("a computed read grants its function the stage's path, and only that function", async () => {
  const { template } = await synthGraph(
    withReads([
      ["storage-listener:write:uploads/*", undefined],
      ["storage-listener:write:uploads/*", ["THUMB_WIDTH"]],
      ["route:GET /orders", ["STRIPE_SECRET"]],
    ]),
    { stage: "qa" },
  );
  expect(ssm(template, "storage-listeners")).toEqual([
    {
      effect: "Allow",
      actions: ["ssm:GetParametersByPath"],
      resources: ["arn:<AWS::Partition>:ssm:<AWS::Region>:<AWS::AccountId>:parameter/iac/shop/qa", `${ARN("shop", "qa", "*")}`],
    },
  ]);
  // It loads the path (no name list), so a name list would only widen nothing.
  expect(envOf(template, "storage-listeners").IAC_PARAMS_NAMES).toBeUndefined();
  expect(envOf(template, "storage-listeners").IAC_PARAMS_PRELOAD).toBeUndefined();
  expect(ssm(template, "http").flatMap((s) => s.actions)).toEqual(["ssm:GetParameters"]);
});

test("from source: the route with params[key] is warned (IAC5004) and its function alone gets the path", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iac-params-grants-"));
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "flags", main: "index.js" }));
  fs.writeFileSync(
    path.join(dir, "index.js"),
    [
      'const { api, params, schedule } = require("iac");',
      'api.get("/flag/:name", (req, res) => res.json({ on: params[`FLAG_${req.params.name}`] === "on" }));',
      'api.get("/hello", (req, res) => res.send(params.GREETING));',
      'schedule.every("1 hour", () => console.log(params.REPORT_TO));',
      "",
    ].join("\n"),
  );
  const { graph, diagnostics } = await analyze(dir);
  const warning = diagnostics.find((d) => d.code === "IAC5004");
  expect(warning?.location).toMatchObject({ file: "index.js", line: 2 });
  const { stack } = buildApp(graph, {
    appDir: dir,
    stage: "qa",
    ephemeral: false,
    validateTemplate: false,
    outDir: path.join(dir, "cdk.out"),
    codeFor: () => Code.fromInline("exports.handler = async () => {};"),
  });
  const template = Assertions.fromStack(stack);
  const schedule = Object.keys(permissionsByFunction(template)).find((f) => f.startsWith("schedule-")) ?? "";
  // The API serves both routes in one function: the computed read makes it the path.
  expect(ssm(template, "http").flatMap((s) => s.actions)).toEqual(["ssm:GetParametersByPath"]);
  expect(ssm(template, schedule)).toEqual([{ effect: "Allow", actions: ["ssm:GetParameters"], resources: [ARN("flags", "qa", "REPORT_TO")] }]);
  expect(envOf(template, schedule).IAC_PARAMS_NAMES).toBe("REPORT_TO");
});
