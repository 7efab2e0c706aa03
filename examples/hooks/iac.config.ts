// Team conventions for this app, applied by `iac build` and by `build()`
// from iac/compiler alike: bigger functions in prod, short-lived preview
// stages, an error alarm on every function, a cost tag on everything, and a
// policy check that fails CI when a function could write outside its data.
import { Tags } from "aws-cdk-lib";
import { Alarm, ComparisonOperator, TreatMissingData } from "aws-cdk-lib/aws-cloudwatch";
import { defineConfig } from "iac/compiler";

export default defineConfig({
  defaults: { logRetentionDays: 14 },
  stages: {
    prod: { memoryMb: 2048, logRetentionDays: 365, functions: { http: { timeoutMs: 20_000 } } },
    "pr-*": { ephemeral: true },
  },
  hooks: {
    // The API serves every order page: give it more memory (and so more CPU) on every stage.
    graph(graph) {
      const http = graph.functions.find((f) => f.id === "http");
      if (http) http.memoryMb = Math.max(http.memoryMb ?? 1024, 1536);
    },
    stack(stack, ctx) {
      Tags.of(stack).add("cost-center", "orders");
      Tags.of(stack).add("stage", ctx.stage);
    },
    function(fn, ctx) {
      new Alarm(fn, "Errors", {
        alarmDescription: `${ctx.app} ${ctx.stage}: ${ctx.plan.id} failed`,
        metric: fn.metricErrors(),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
    },
    // Policy: DynamoDB writes must be limited to named collections (dynamodb:LeadingKeys).
    validate(_graph, template) {
      const findings = [];
      for (const [id, resource] of Object.entries(template.Resources ?? {})) {
        if (resource.Type !== "AWS::IAM::Policy") continue;
        for (const st of statements(resource.Properties?.PolicyDocument)) {
          const writes = actions(st).filter((a) => /^dynamodb:(Put|Update|Delete|BatchWrite)/.test(a));
          if (writes.length > 0 && !JSON.stringify(st.Condition ?? {}).includes("dynamodb:LeadingKeys")) {
            findings.push({ message: `${id} allows ${writes.join(", ")} on any key`, hint: "use keys with a static collection, e.g. `order:${id}`" });
          }
        }
      }
      return findings;
    },
  },
});

interface Statement {
  Action?: string | string[];
  Condition?: unknown;
}

function statements(doc: unknown): Statement[] {
  return doc && typeof doc === "object" && "Statement" in doc && Array.isArray(doc.Statement) ? doc.Statement : [];
}

function actions(st: Statement): string[] {
  return Array.isArray(st.Action) ? st.Action : st.Action ? [st.Action] : [];
}
