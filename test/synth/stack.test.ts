/**
 * Graph fixtures in, CloudFormation assertions out: every resource kind, on a
 * long-lived and an ephemeral stage. Synthesized with bundling and CDK
 * validation off (see validation.test.ts for the setting itself).
 */
import { Match, type Template } from "aws-cdk-lib/assertions";
import { planFunctions } from "../../src/graph";
import { allActions, loadGraph, synthGraph } from "./helpers";

const CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";

function fnLogicalId(template: Template, fnId: string): string {
  const found = Object.entries(
    template.findResources("AWS::Lambda::Function", {
      Properties: { Environment: { Variables: { IAC_FUNCTION: fnId } } },
    }),
  );
  expect(found).toHaveLength(1);
  return found[0][0];
}

function fnProps(template: Template, fnId: string): Record<string, any> {
  return template.toJSON().Resources[fnLogicalId(template, fnId)].Properties;
}

/** The statements of the policy attached to a function's role. */
function statementsOf(template: Template, fnId: string): { Action: string | string[]; Resource: unknown }[] {
  const roleId = fnProps(template, fnId).Role["Fn::GetAtt"][0];
  const policies = Object.values(template.findResources("AWS::IAM::Policy", { Properties: { Roles: [{ Ref: roleId }] } }));
  return policies.flatMap((p) => p.Properties.PolicyDocument.Statement);
}

function actionsOf(template: Template, fnId: string): string[] {
  return statementsOf(template, fnId)
    .flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]))
    .sort();
}

describe("fixtures are consistent with planFunctions", () => {
  test.each(["minimal-api", "todo", "everything"])("%s", (name) => {
    const graph = loadGraph(name);
    expect(graph.functions).toEqual(planFunctions(graph.resources));
  });
});

describe("minimal api-only app", () => {
  let t: Template;
  beforeAll(async () => {
    t = (await synthGraph(loadGraph("minimal-api"))).template;
  });

  test("one Node.js 22 arm64 function with the contract's environment", () => {
    t.resourceCountIs("AWS::Lambda::Function", 1);
    const props = fnProps(t, "http");
    expect(props.Runtime).toBe("nodejs22.x");
    expect(props.Architectures).toEqual(["arm64"]);
    expect(props.Timeout).toBe(10);
    expect(props.Environment.Variables).toMatchObject({ IAC_APP: "hello", IAC_STAGE: "qa", IAC_FUNCTION: "http", IAC_PARAMS_PATH: "/iac/hello/qa/" });
    expect(props.Environment.Variables.IAC_TABLE).toBeUndefined();
    // The graph records no params read (no params resource, no usage): no SSM load at cold start.
    expect(props.Environment.Variables.IAC_PARAMS_PRELOAD).toBe("false");
  });

  test("an HTTP API whose only route is $default, behind CloudFront, with the Url output", () => {
    t.resourceCountIs("AWS::ApiGatewayV2::Route", 1);
    t.hasResourceProperties("AWS::ApiGatewayV2::Route", { RouteKey: "$default" });
    t.hasResourceProperties("AWS::CloudFront::Distribution", {
      DistributionConfig: { DefaultCacheBehavior: { CachePolicyId: CACHING_DISABLED, AllowedMethods: Match.arrayWith(["POST", "DELETE"]) } },
    });
    t.hasOutput("Url", {});
    t.hasResourceProperties("AWS::SSM::Parameter", { Name: "/iac/hello/qa/CLOUD_URL", Type: "String" });
  });

  test("nothing the graph does not need: no table, no bucket, no queue, no bus", () => {
    for (const type of ["AWS::DynamoDB::Table", "AWS::S3::Bucket", "AWS::SQS::Queue", "AWS::Events::EventBus", "AWS::Events::Rule"]) {
      t.resourceCountIs(type, 0);
    }
  });
});

describe("todo-like app", () => {
  let long: Template;
  let eph: Template;
  beforeAll(async () => {
    long = (await synthGraph(loadGraph("todo"))).template;
    eph = (await synthGraph(loadGraph("todo"), { ephemeral: true, stage: "sandbox" })).template;
  });

  test("the table: pk/sk, on-demand, TTL, one GSI per label, no stream without listeners", () => {
    const table = long.toJSON().Resources.Table;
    expect(table.Type).toBe("AWS::DynamoDB::Table");
    expect(table.Properties.KeySchema).toEqual([
      { AttributeName: "pk", KeyType: "HASH" },
      { AttributeName: "sk", KeyType: "RANGE" },
    ]);
    expect(table.Properties.BillingMode).toBe("PAY_PER_REQUEST");
    expect(table.Properties.TimeToLiveSpecification).toEqual({ AttributeName: "ttl", Enabled: true });
    expect(table.Properties.GlobalSecondaryIndexes.map((g: { IndexName: string }) => g.IndexName)).toEqual(["label1"]);
    expect(table.Properties.StreamSpecification).toBeUndefined();
    // `iac deploy` reads this output to seed an ephemeral stage.
    expect(long.toJSON().Outputs.TableName.Value).toEqual({ Ref: "Table" });
  });

  test("long-lived keeps data (RETAIN, PITR); ephemeral destroys it", () => {
    const l = long.toJSON().Resources.Table;
    const e = eph.toJSON().Resources.Table;
    expect([l.DeletionPolicy, l.UpdateReplacePolicy]).toEqual(["Retain", "Retain"]);
    expect(l.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(e.DeletionPolicy).toBe("Delete");
    expect(e.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: false });
  });

  test("the hourly schedule: a rule with the dispatch input, retries and a DLQ", () => {
    long.hasResourceProperties("AWS::Events::Rule", {
      ScheduleExpression: "rate(60 minutes)",
      Targets: [
        Match.objectLike({
          Input: JSON.stringify({ iac: "schedule", expression: "rate(60 minutes)" }),
          DeadLetterConfig: Match.anyValue(),
          RetryPolicy: { MaximumEventAgeInSeconds: 86400, MaximumRetryAttempts: 8 },
        }),
      ],
    });
    const props = fnProps(long, "schedule-rate-60-minutes");
    expect(props.Timeout).toBe(60);
    expect(props.DeadLetterConfig).toBeDefined();
    long.hasResourceProperties("AWS::Lambda::EventInvokeConfig", { MaximumRetryAttempts: 2 });
  });

  test("static files: / via the default root object, exact paths to S3, the rest to the API", () => {
    long.hasResourceProperties("AWS::CloudFront::Distribution", {
      DistributionConfig: {
        DefaultRootObject: "index.html",
        CacheBehaviors: [Match.objectLike({ PathPattern: "/index.html" }), Match.objectLike({ PathPattern: "/todos.js" })],
      },
    });
  });

  test("long-lived caches a day and invalidates on deploy; ephemeral caches nothing", () => {
    long.hasResourceProperties("AWS::CloudFront::CachePolicy", { CachePolicyConfig: { DefaultTTL: 86400, MaxTTL: 86400 } });
    long.hasResourceProperties("Custom::CDKBucketDeployment", {
      DistributionPaths: ["/*"],
      SystemMetadata: { "cache-control": "public, max-age=0, s-maxage=86400" },
    });
    eph.resourceCountIs("AWS::CloudFront::CachePolicy", 0);
    eph.hasResourceProperties("AWS::CloudFront::Distribution", {
      DistributionConfig: { CacheBehaviors: Match.arrayWith([Match.objectLike({ PathPattern: "/todos.js", CachePolicyId: CACHING_DISABLED })]) },
    });
    eph.hasResourceProperties("Custom::CDKBucketDeployment", { DistributionId: Match.absent(), SystemMetadata: { "cache-control": "no-cache" } });
  });

  test("IAM from usages: the schedule only reads the label index; the API writes the table", () => {
    expect(actionsOf(long, "schedule-rate-60-minutes").filter((a) => a.startsWith("dynamodb:"))).toEqual(["dynamodb:Query"]);
    expect(actionsOf(long, "http")).toEqual(expect.arrayContaining(["dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:Query", "dynamodb:GetItem"]));
    const query = statementsOf(long, "schedule-rate-60-minutes").find((s) => s.Action === "dynamodb:Query");
    expect(JSON.stringify(query?.Resource)).toContain("/index/label1");
  });

  test("log retention defaults to 30 days; log groups follow the stage kind", () => {
    long.hasResource("AWS::Logs::LogGroup", { Properties: { RetentionInDays: 30 }, DeletionPolicy: "Retain" });
    eph.hasResource("AWS::Logs::LogGroup", { Properties: { RetentionInDays: 30 }, DeletionPolicy: "Delete" });
  });
});

describe("everything app", () => {
  let long: Template;
  let eph: Template;
  beforeAll(async () => {
    long = (await synthGraph(loadGraph("everything"))).template;
    eph = (await synthGraph(loadGraph("everything"), { ephemeral: true, stage: "pr-12" })).template;
  });

  test("one function per plan, timeouts from the plan, retention rounded up to CloudWatch's 60", () => {
    const expected: Record<string, number> = {
      http: 15,
      "schedule-rate-5-minutes": 60,
      "schedule-cron-0-0-tue": 120,
      "events-order-created": 20,
      "data-listeners": 20,
      "storage-listeners": 20,
    };
    for (const [id, timeout] of Object.entries(expected)) expect(fnProps(long, id).Timeout).toBe(timeout);
    long.hasResourceProperties("AWS::Logs::LogGroup", { RetentionInDays: 60 });
    // Every background function has its own dead-letter queue; http has none.
    long.resourceCountIs("AWS::SQS::Queue", 5);
  });

  test("an app that reads params: every function loads them at cold start (no IAC_PARAMS_PRELOAD)", () => {
    for (const id of ["http", "schedule-rate-5-minutes", "data-listeners"]) expect(fnProps(long, id).Environment.Variables.IAC_PARAMS_PRELOAD).toBeUndefined();
  });

  test("table with a stream and exactly the graph's labels", () => {
    const table = long.toJSON().Resources.Table.Properties;
    expect(table.StreamSpecification).toEqual({ StreamViewType: "NEW_AND_OLD_IMAGES" });
    expect(table.GlobalSecondaryIndexes.map((g: { IndexName: string }) => g.IndexName)).toEqual(["label1", "label2"]);
  });

  test("storage bucket: private, TLS only, encrypted, CORS for signed uploads (set once the CDN exists, edge.test.ts); retained or auto-deleted", () => {
    const bucket = long.toJSON().Resources.Bucket;
    expect(bucket.DeletionPolicy).toBe("Retain");
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.Properties.BucketEncryption).toBeDefined();
    expect(bucket.Properties.CorsConfiguration).toBeUndefined();
    expect(JSON.stringify(long.findResources("Custom::AWS"))).toContain('\\"action\\":\\"PutBucketCors\\"');
    long.hasResourceProperties("AWS::S3::BucketPolicy", {
      Bucket: { Ref: "Bucket" },
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } })]) },
    });
    expect(eph.toJSON().Resources.Bucket.DeletionPolicy).toBe("Delete");
    eph.hasResourceProperties("Custom::S3AutoDeleteObjects", { BucketName: { Ref: "Bucket" } });
  });

  test("events: a bus per stage, a rule per subscribed name, a scheduler group and role for delayed publishes", () => {
    long.hasResourceProperties("AWS::Events::EventBus", { Name: "iac-shop-qa" });
    long.hasResourceProperties("AWS::Events::Rule", {
      EventPattern: { source: ["iac.shop"], "detail-type": ["order.created"] },
      Targets: [Match.objectLike({ DeadLetterConfig: Match.anyValue() })],
    });
    long.hasResourceProperties("AWS::Scheduler::ScheduleGroup", { Name: "iac-shop-qa" });
    long.hasResourceProperties("AWS::IAM::Role", {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: "scheduler.amazonaws.com" } })] },
    });
    expect(fnProps(long, "http").Environment.Variables).toMatchObject({
      IAC_EVENT_BUS: expect.anything(),
      IAC_SCHEDULER_GROUP: "iac-shop-qa",
      IAC_TABLE: { Ref: "Table" },
      IAC_BUCKET: { Ref: "Bucket" },
    });
    expect(actionsOf(long, "schedule-rate-5-minutes")).toEqual(expect.arrayContaining(["scheduler:CreateSchedule", "iam:PassRole"]));
  });

  test("schedules: rate and cron rules", () => {
    long.hasResourceProperties("AWS::Events::Rule", { ScheduleExpression: "cron(0 0 ? * TUE *)" });
    long.hasResourceProperties("AWS::Events::Rule", { ScheduleExpression: "rate(5 minutes)" });
  });

  test("data listeners: stream source with bisect, retries and an on-failure queue", () => {
    long.hasResourceProperties("AWS::Lambda::EventSourceMapping", {
      FunctionName: { Ref: fnLogicalId(long, "data-listeners") },
      StartingPosition: "TRIM_HORIZON",
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 10,
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
  });

  test("storage listeners: S3 notifications for writes to the listener function", () => {
    long.hasResourceProperties("Custom::S3BucketNotifications", {
      BucketName: { Ref: "Bucket" },
      NotificationConfiguration: {
        LambdaFunctionConfigurations: [Match.objectLike({ Events: ["s3:ObjectCreated:*"] })],
      },
    });
  });

  test("CDN routes: static files and folders, /page rewrite, error pages, /public/* from storage", () => {
    const config = long.toJSON().Resources;
    const dist = Object.values(config).find((r: any) => r.Type === "AWS::CloudFront::Distribution") as any;
    const patterns = dist.Properties.DistributionConfig.CacheBehaviors.map((b: { PathPattern: string }) => b.PathPattern).sort();
    expect(patterns).toEqual(["/404.html", "/500.html", "/assets/*", "/docs/*", "/index.html", "/page", "/page.html", "/public/*"]);
    const page = dist.Properties.DistributionConfig.CacheBehaviors.find((b: { PathPattern: string }) => b.PathPattern === "/page");
    expect(page.FunctionAssociations).toHaveLength(1);
    long.hasResourceProperties("AWS::CloudFront::Function", { FunctionCode: Match.stringLikeRegexp("page\\.html") });
  });

  test("IAM: scoped by usage; read-only functions cannot write; @app usages reach every function", () => {
    expect(actionsOf(long, "schedule-cron-0-0-tue").filter((a) => a.startsWith("s3:"))).toEqual(["s3:ListBucket"]);
    const httpS3 = statementsOf(long, "http").filter((s) => String(s.Action).startsWith("s3:"));
    expect(JSON.stringify(httpS3)).toContain("/uploads/*");
    // Params by name, except where a read is computed (the storage listener's `params[key]`): test/iam/params-grants.test.ts.
    expect(actionsOf(long, "storage-listeners")).toContain("ssm:GetParametersByPath");
    for (const id of ["http", "events-order-created", "data-listeners", "schedule-cron-0-0-tue"]) {
      expect(actionsOf(long, id)).not.toContain("ssm:GetParametersByPath");
      expect(JSON.stringify(statementsOf(long, id))).toContain("parameter/iac/shop/qa/API_KEY");
    }
  });

  test("no `*` or `service:*` action anywhere; no wildcard at all in the app's function policies", () => {
    for (const t of [long, eph]) {
      for (const action of allActions(t)) expect(action === "*" || action.endsWith(":*")).toBe(false);
    }
    for (const id of ["http", "schedule-rate-5-minutes", "schedule-cron-0-0-tue", "events-order-created", "data-listeners", "storage-listeners"]) {
      for (const action of actionsOf(long, id)) expect(action).not.toContain("*");
    }
  });
});
