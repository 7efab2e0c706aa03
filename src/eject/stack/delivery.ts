/**
 * How background work reaches its functions, as synth's events.ts,
 * listeners.ts and storage.ts (CORS) make it: one EventBridge rule per
 * schedule expression and per subscribed function (retried for a day, then
 * parked in the function's dead-letter queue), the table stream to the data
 * listeners, bucket notifications to the storage listeners, and the storage
 * bucket's CORS rules for the signed URLs the app hands out.
 */
import { json, obj, str, type Expr } from "../code";
import { at } from "../provenance";
import {
  booleanProp,
  CDK,
  duration,
  listOf,
  numberProp,
  prop,
  record,
  resourcesOfKind,
  stringProp,
  tryResource,
  type EjectedFunction,
  type StackGen,
} from "./context";

export function writeStorageCors(gen: StackGen): void {
  if (!gen.model.resources.some((r) => r.path.startsWith("StorageCors/")) || !gen.names.bucket) return;
  const cr = `${CDK}/custom-resources`;
  const [AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId] = ["AwsCustomResource", "AwsCustomResourcePolicy", "PhysicalResourceId"].map((n) =>
    gen.imports.use(cr, n),
  );
  const PolicyStatement = gen.imports.use(`${CDK}/aws-iam`, "PolicyStatement");
  const Duration = gen.imports.use(CDK, "Duration");
  const edge = gen.model.edge;
  const extra = new Set(edge.corsOrigins);
  if (edge.domain) extra.add(`https://${edge.domain.name}`);
  const own: Expr[] = gen.names.distribution ? [`\`https://\${${gen.names.distribution}.distributionDomainName}\``] : [];
  const origins: Expr[] = [...own, ...[...extra].sort().map(str)];
  const physicalId = `${gen.graph.app.name}-${gen.model.stage}-storage-cors`;
  gen.body
    .blank()
    .comment(
      "The bucket's CORS rules, for the signed URLs the app hands out (storage.getUploadUrl / getDownloadUrl), allowed",
      "for the app's own origins only. Set by a custom resource once the CDN exists: the bucket cannot name the",
      "distribution that references it.",
    );
  gen.body.line(
    `const corsRules = ${obj([
      [
        "CORSRules",
        `[${obj([
          ["AllowedMethods", json(gen.model.corsMethods)],
          ["AllowedOrigins", `[${origins.join(", ")}]`],
          ["AllowedHeaders", '["*"]'],
          ["ExposeHeaders", '["ETag"]'],
          ["MaxAgeSeconds", `${Duration}.hours(1).toSeconds()`],
        ])}]`,
      ],
    ])};`,
  );
  gen.body.line(
    `const corsCall = (action: "PutBucketCors" | "DeleteBucketCors", parameters: Record<string, unknown>) => (${obj([
      ["service", '"S3"'],
      ["action", "action"],
      ["parameters", "parameters"],
      ["physicalResourceId", `${PhysicalResourceId}.of(${str(physicalId)})`],
    ])});`,
  );
  gen.body.line(
    `new ${AwsCustomResource}(this, "StorageCors", ${obj([
      ["onCreate", `corsCall("PutBucketCors", { Bucket: bucket.bucketName, CORSConfiguration: corsRules })`],
      ["onUpdate", `corsCall("PutBucketCors", { Bucket: bucket.bucketName, CORSConfiguration: corsRules })`],
      ["onDelete", `corsCall("DeleteBucketCors", { Bucket: bucket.bucketName })`],
      ["policy", `${AwsCustomResourcePolicy}.fromStatements([new ${PolicyStatement}({ actions: ["s3:PutBucketCORS"], resources: [bucket.bucketArn] })])`],
      ["installLatestAwsSdk", "false"],
    ])});`,
  );
}

/** Every EventBridge rule iac made (schedules, then event subscriptions), in its order. */
export function writeRules(gen: StackGen): void {
  const byFunctionLogicalId = new Map<string, EjectedFunction>();
  for (const f of gen.functions.values()) {
    const r = tryResource(gen, `${f.id}/Function/Resource`);
    if (r) byFunctionLogicalId.set(r.logicalId, f);
  }
  const events = `${CDK}/aws-events`;
  for (const r of gen.model.resources) {
    if (r.json.Type !== "AWS::Events::Rule") continue;
    const m = /^([^/]+)\/Resource$/.exec(r.path);
    if (!m) continue;
    const target = record(listOf(prop(r.json, "Targets"))[0]);
    const arn = record(target?.Arn)?.["Fn::GetAtt"];
    const fn = Array.isArray(arn) && typeof arn[0] === "string" ? byFunctionLogicalId.get(arn[0]) : undefined;
    if (!target || !fn) throw new Error(`internal: rule ${r.path} targets no function eject knows`);
    const Rule = gen.imports.use(events, "Rule");
    const retry = record(target.RetryPolicy) ?? {};
    const input = typeof target.Input === "string" ? target.Input : undefined;
    const targetExpr = `new ${gen.imports.use(`${CDK}/aws-events-targets`, "LambdaFunction", "LambdaTarget")}(${fn.name}.fn, ${obj([
      ["event", input === undefined ? undefined : `${gen.imports.use(events, "RuleTargetInput")}.fromObject(${json(JSON.parse(input))})`],
      ["retryAttempts", typeof retry.MaximumRetryAttempts === "number" ? String(retry.MaximumRetryAttempts) : undefined],
      ["maxEventAge", typeof retry.MaximumEventAgeInSeconds === "number" ? duration(gen, retry.MaximumEventAgeInSeconds) : undefined],
      ["deadLetterQueue", target.DeadLetterConfig !== undefined ? `${fn.name}.deadLetters` : undefined],
    ])})`;
    const expression = stringProp(r.json, "ScheduleExpression");
    if (expression !== undefined) {
      const schedules = resourcesOfKind(gen.graph, "schedule").filter((s) => s.expression === expression && fn.plan.handlers.includes(s.handler));
      gen.body
        .blank()
        .comment(`Runs function "${fn.plan.id}" ${expression}: ${schedules.map((s) => `schedule "${s.source}" at ${at(s.location)}`).join(", ")}.`);
      gen.body.line(
        `new ${Rule}(this, ${str(m[1])}, ${obj([
          ["schedule", `${gen.imports.use(events, "Schedule")}.expression(${str(expression)})`],
          ["targets", `[${targetExpr}]`],
        ])});`,
      );
      continue;
    }
    const pattern = record(prop(r.json, "EventPattern")) ?? {};
    const subscriptions = resourcesOfKind(gen.graph, "event-subscription").filter((s) => fn.plan.handlers.includes(s.handler));
    gen.body
      .blank()
      .comment(
        `Delivers the stage's events to function "${fn.plan.id}": ${subscriptions.map((s) => `events.on("${s.name}") at ${at(s.location)}`).join(", ")}.`,
      );
    gen.body.line(
      `new ${Rule}(this, ${str(m[1])}, ${obj([
        ["eventBus", gen.names.bus],
        [
          "eventPattern",
          obj([
            ["source", pattern.source === undefined ? undefined : json(pattern.source)],
            ["detailType", pattern["detail-type"] === undefined ? undefined : json(pattern["detail-type"])],
          ]),
        ],
        ["targets", `[${targetExpr}]`],
      ])});`,
    );
  }
}

export function writeDataListeners(gen: StackGen): void {
  for (const f of gen.functions.values()) {
    if (f.plan.kind !== "data-listener" || !gen.names.table) continue;
    const mapping = gen.model.resources.find((r) => r.json.Type === "AWS::Lambda::EventSourceMapping" && r.path.startsWith(`${f.id}/Function/`));
    if (!mapping) continue;
    const j = mapping.json;
    const [DynamoEventSource, SqsDlq] = ["DynamoEventSource", "SqsDlq"].map((n) => gen.imports.use(`${CDK}/aws-lambda-event-sources`, n));
    const StartingPosition = gen.imports.use(`${CDK}/aws-lambda`, "StartingPosition");
    const listeners = resourcesOfKind(gen.graph, "data-listener").filter((l) => f.plan.handlers.includes(l.handler));
    gen.body
      .blank()
      .comment(
        `The table's stream to function "${f.plan.id}", one batch per shard at a time (order within a key is the contract):`,
        ...listeners.map((l) => `  data.on ${l.id.replace(/^data-listener:/, "")} at ${at(l.location)}`),
      );
    const maxAge = numberProp(j, "MaximumRecordAgeInSeconds");
    gen.body.line(
      `${f.name}.fn.addEventSource(new ${DynamoEventSource}(${gen.names.table}, ${obj([
        ["startingPosition", `${StartingPosition}.${stringProp(j, "StartingPosition") ?? "TRIM_HORIZON"}`],
        ["batchSize", num(numberProp(j, "BatchSize"))],
        ["bisectBatchOnError", bool(booleanProp(j, "BisectBatchOnFunctionError"))],
        ["retryAttempts", num(numberProp(j, "MaximumRetryAttempts"))],
        ["maxRecordAge", maxAge === undefined ? undefined : duration(gen, maxAge)],
        ["parallelizationFactor", num(numberProp(j, "ParallelizationFactor"))],
        ["onFailure", prop(j, "DestinationConfig") !== undefined ? `new ${SqsDlq}(${f.name}.deadLetters!)` : undefined],
      ])}));`,
    );
  }
}

export function writeStorageListeners(gen: StackGen): void {
  const bucket = gen.names.bucket;
  if (!bucket) return;
  const listeners = resourcesOfKind(gen.graph, "storage-listener");
  for (const f of gen.functions.values()) {
    if (f.plan.kind !== "storage-listener") continue;
    const mine = listeners.filter((l) => f.plan.handlers.includes(l.handler));
    const LambdaDestination = gen.imports.use(`${CDK}/aws-s3-notifications`, "LambdaDestination");
    const EventType = gen.imports.use(`${CDK}/aws-s3`, "EventType");
    const dest = `${f.name}Destination`;
    gen.body
      .blank()
      .comment(
        `Bucket notifications to function "${f.plan.id}" (the runtime matches each object against the app's globs):`,
        ...mine.map((l) => `  storage.on ${l.id.replace(/^storage-listener:/, "")} at ${at(l.location)}`),
      );
    gen.body.line(`const ${dest} = new ${LambdaDestination}(${f.name}.fn);`);
    if (mine.some((l) => l.events.includes("write"))) gen.body.line(`${bucket}.addEventNotification(${EventType}.OBJECT_CREATED, ${dest});`);
    if (mine.some((l) => l.events.includes("remove"))) gen.body.line(`${bucket}.addEventNotification(${EventType}.OBJECT_REMOVED, ${dest});`);
  }
}

function num(v: number | undefined): Expr | undefined {
  return v === undefined ? undefined : String(v);
}

function bool(v: boolean | undefined): Expr | undefined {
  return v === undefined ? undefined : String(v);
}
