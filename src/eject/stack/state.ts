/**
 * The stage's stateful and shared resources, as synth's data.ts, storage.ts
 * and events.ts make them: the table (its logical ID pinned to `Table`, as
 * iac pins it, with one index per label), the storage bucket (pinned to
 * `Bucket`), the event bus, and the scheduler group and role of delayed
 * publishes.
 */
import { obj, str } from "../code";
import { at, callsOn, dataCalls, labelCalls } from "../provenance";
import { booleanProp, CDK, duration, findResource, name, prop, removalPolicy, resource, stringProp, tryResource, type StackGen } from "./context";

export function writeTable(gen: StackGen): void {
  const data = findResource(gen.graph, "data");
  const r = tryResource(gen, "Table/Resource");
  if (!data || !r) return;
  const ddb = `${CDK}/aws-dynamodb`;
  const [AttributeType, BillingMode, Table, CfnTable] = ["AttributeType", "BillingMode", "Table", "CfnTable"].map((n) => gen.imports.use(ddb, n));
  const stream = stringProp(r.json, "StreamSpecification", "StreamViewType");
  const pitr = booleanProp(r.json, "PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled");
  const protection = booleanProp(r.json, "DeletionProtectionEnabled");
  const body = gen.body;
  body
    .blank()
    .comment(
      `The app's data: one DynamoDB table for the stage (iac why data). Key \`col:k\` is stored as pk \`col\`, sk \`k\`.`,
      `Used at ${at(data.location)} and:`,
      ...dataCalls(gen.graph).map((l) => `  ${l}`),
    );
  body.line(
    `const table = new ${Table}(this, "Table", ${obj([
      ["partitionKey", `{ name: "pk", type: ${AttributeType}.STRING }`],
      ["sortKey", `{ name: "sk", type: ${AttributeType}.STRING }`],
      ["billingMode", `${BillingMode}.PAY_PER_REQUEST`],
      ["timeToLiveAttribute", str(stringProp(r.json, "TimeToLiveSpecification", "AttributeName") ?? "ttl")],
      ["stream", stream ? `${gen.imports.use(ddb, "StreamViewType")}.${stream}` : undefined],
      ["pointInTimeRecoverySpecification", pitr === undefined ? undefined : `{ pointInTimeRecoveryEnabled: ${pitr} }`],
      ["deletionProtection", protection === undefined ? undefined : String(protection)],
      ["removalPolicy", removalPolicy(gen, r.json)],
    ])});`,
  );
  const ProjectionType = data.labels.length > 0 ? gen.imports.use(ddb, "ProjectionType") : "";
  for (const label of [...data.labels].sort()) {
    body.comment(`Label index ${label}:`, ...labelCalls(gen.graph, label).map((l) => `  ${l}`));
    body.line(
      `table.addGlobalSecondaryIndex(${obj([
        ["indexName", str(label)],
        ["partitionKey", `{ name: ${str(`${label}pk`)}, type: ${AttributeType}.STRING }`],
        ["sortKey", `{ name: ${str(`${label}sk`)}, type: ${AttributeType}.STRING }`],
        ["projectionType", `${ProjectionType}.ALL`],
      ])});`,
    );
  }
  body.comment("The logical ID iac gave the table: a stack that already has it keeps it (no replacement, no data loss).");
  body.line(`(table.node.defaultChild as ${CfnTable}).overrideLogicalId(${str(r.logicalId)});`);
  if (gen.model.outputs.includes("TableName")) {
    body.line(`new ${gen.imports.use(CDK, "CfnOutput")}(this, "TableName", { value: table.tableName });`);
  }
  gen.refs.add(r.logicalId, r.json.Type, "table");
  gen.names.table = "table";
}

export function writeBucket(gen: StackGen): void {
  const storage = findResource(gen.graph, "storage");
  const r = tryResource(gen, "Bucket/Resource");
  if (!storage || !r) return;
  const s3 = `${CDK}/aws-s3`;
  const versioned = stringProp(r.json, "VersioningConfiguration", "Status") === "Enabled";
  const rules = prop(r.json, "LifecycleConfiguration", "Rules");
  const noncurrentDays = Array.isArray(rules)
    ? rules
        .map((rule) => (typeof rule === "object" && rule !== null && !Array.isArray(rule) ? rule.NoncurrentVersionExpiration : undefined))
        .find((x) => x !== undefined)
    : undefined;
  const days =
    typeof noncurrentDays === "object" && noncurrentDays !== null && !Array.isArray(noncurrentDays) && typeof noncurrentDays.NoncurrentDays === "number"
      ? noncurrentDays.NoncurrentDays
      : undefined;
  const autoDelete = gen.model.resources.some((x) => x.path === "Bucket/AutoDeleteObjectsCustomResource/Default");
  const [Bucket, BlockPublicAccess, BucketEncryption, ObjectOwnership, CfnBucket] = [
    "Bucket",
    "BlockPublicAccess",
    "BucketEncryption",
    "ObjectOwnership",
    "CfnBucket",
  ].map((n) => gen.imports.use(s3, n));
  gen.body
    .blank()
    .comment(
      `The app's files (storage): one S3 bucket for the stage (iac why storage). Used at ${at(storage.location)} and:`,
      ...callsOn(gen.graph, "storage").map((l) => `  ${l}`),
    );
  gen.body.line(
    `const bucket = new ${Bucket}(this, "Bucket", ${obj([
      ["blockPublicAccess", `${BlockPublicAccess}.BLOCK_ALL`],
      ["enforceSSL", "true"],
      ["encryption", `${BucketEncryption}.S3_MANAGED`],
      ["objectOwnership", `${ObjectOwnership}.BUCKET_OWNER_ENFORCED`],
      ["versioned", String(versioned)],
      [
        "lifecycleRules",
        versioned && days !== undefined
          ? `[{ id: "ExpireOldVersions", noncurrentVersionExpiration: ${duration(gen, days * 86400)}, expiredObjectDeleteMarker: true }]`
          : undefined,
      ],
      ["removalPolicy", removalPolicy(gen, r.json)],
      ["autoDeleteObjects", String(autoDelete)],
    ])});`,
  );
  gen.body.comment("The logical ID iac gave the bucket: a stack that already has it keeps it.");
  gen.body.line(`(bucket.node.defaultChild as ${CfnBucket}).overrideLogicalId(${str(r.logicalId)});`);
  gen.refs.add(r.logicalId, r.json.Type, "bucket");
  gen.names.bucket = "bucket";
}

export function writeEventBus(gen: StackGen): void {
  const r = tryResource(gen, "EventBus/Resource");
  if (!r) return;
  const events = `${CDK}/aws-events`;
  const EventBus = gen.imports.use(events, "EventBus");
  gen.body.blank().comment("The stage's event bus (events.publish / events.on). Published at:", ...callsOn(gen.graph, "events").map((l) => `  ${l}`));
  gen.body.line(`const bus = new ${EventBus}(this, "EventBus", { eventBusName: ${str(stringProp(r.json, "Name") ?? "")} });`);
  gen.refs.add(r.logicalId, r.json.Type, "bus");
  gen.names.bus = "bus";
  const group = tryResource(gen, "SchedulerGroup");
  if (!group) return;
  const role = resource(gen, "SchedulerRole/Resource");
  const iam = `${CDK}/aws-iam`;
  const [Role, ServicePrincipal, PolicyStatement] = ["Role", "ServicePrincipal", "PolicyStatement"].map((n) => gen.imports.use(iam, n));
  const CfnScheduleGroup = gen.imports.use(`${CDK}/aws-scheduler`, "CfnScheduleGroup");
  gen.body.comment(
    "Delayed publishes (events.publish with `after`) are one-time EventBridge Scheduler schedules in this group,",
    "which assume this role to put the event on the bus.",
  );
  gen.body.line(`const schedulerGroup = new ${CfnScheduleGroup}(this, "SchedulerGroup", { name: ${str(stringProp(group.json, "Name") ?? "")} });`);
  gen.body.line(`schedulerGroup.applyRemovalPolicy(${removalPolicy(gen, group.json)});`);
  gen.body.line(
    `const schedulerRole = new ${Role}(this, "SchedulerRole", ${obj([
      ["assumedBy", `new ${ServicePrincipal}("scheduler.amazonaws.com")`],
      ["description", str(stringProp(role.json, "Description") ?? "")],
    ])});`,
  );
  gen.body.line(`schedulerRole.addToPolicy(new ${PolicyStatement}({ actions: ["events:PutEvents"], resources: [bus.eventBusArn] }));`);
  name(gen, "SchedulerRole/Resource", "schedulerRole");
  gen.names.schedulerRole = "schedulerRole";
}
