/**
 * The exact permission set of every function of every example: actions its
 * handlers use, on the resources they use, data writes and reads limited to
 * the collections the code names (dynamodb:LeadingKeys; a simple key's
 * partition is ":"), label queries to the label namespaces they name, read-only functions without write actions, SSM
 * access only to the params a function's own code reads (todo and hooks read none), and
 * s3:ListBucket for functions that may meet a missing key (see
 * bucket-grants.test.ts). A change in
 * what a function may do shows up here as a reviewed diff.
 */
import { Template } from "aws-cdk-lib/assertions";
import { buildExample, describePermissions, permissionsByFunction } from "./support";

const LOGS = (fn: string) => `logs:CreateLogStream logs:PutLogEvents on <${fn}Logs.Arn>`;
/** Exactly the named params, the ones the runtime loads at init (IAC_PARAMS_NAMES): no path, no other name. */
const PARAMS = (app: string, names: string[]) =>
  `ssm:GetParameters on ${names.map((n) => `arn:<AWS::Partition>:ssm:<AWS::Region>:<AWS::AccountId>:parameter/iac/${app}/qa/${n}`).join(" ")}`;
const DLQ = (fn: string) => `sqs:SendMessage on <${fn}DeadLetters.Arn>`;

const WRITES = /dynamodb:(PutItem|UpdateItem|DeleteItem|BatchWriteItem)|s3:(PutObject|DeleteObject)/;

async function permissionsOf(example: string): Promise<Record<string, string[]>> {
  const { stack } = await buildExample(example);
  const byFn = permissionsByFunction(Template.fromStack(stack));
  return Object.fromEntries(Object.entries(byFn).map(([fn, st]) => [fn, describePermissions(st)]));
}

test("todo: http reads and writes collection todo only; the hourly check can only query label1", async () => {
  const p = await permissionsOf("todo");
  expect(p).toEqual({
    http: [
      "dynamodb:BatchGetItem dynamodb:DeleteItem dynamodb:GetItem dynamodb:PutItem dynamodb:Query dynamodb:UpdateItem on <Table.Arn> if LeadingKeys todo",
      "dynamodb:Query on <Table.Arn>/index/label1 if LeadingKeys status",
      LOGS("FnHttp"),
    ].sort(),
    "schedule-rate-60-minutes": [
      "dynamodb:Query on <Table.Arn>/index/label1 if LeadingKeys status",
      LOGS("FnScheduleRate60Minutes"),
      DLQ("FnScheduleRate60Minutes"),
    ].sort(),
  });
  // Read-only: nothing in the schedule's policy can write.
  expect(p["schedule-rate-60-minutes"].filter((s) => WRITES.test(s))).toEqual([]);
});

test("media: each function gets its own collections, prefixes, params and events", async () => {
  const p = await permissionsOf("media");
  expect(p).toEqual({
    "data-listeners": [
      "dynamodb:DescribeStream dynamodb:GetRecords dynamodb:GetShardIterator on <Table.StreamArn>",
      "dynamodb:ListStreams on *",
      // data.add creates an absent counter with PutItem, and reads a live one that blocked it.
      "dynamodb:GetItem dynamodb:PutItem dynamodb:UpdateItem on <Table.Arn> if LeadingKeys stats",
      LOGS("FnDataListeners"),
      "sqs:GetQueueAttributes sqs:GetQueueUrl sqs:SendMessage on <FnDataListenersDeadLetters.Arn>",
    ].sort(),
    "events-media-processed": [
      "dynamodb:BatchGetItem dynamodb:GetItem dynamodb:PutItem dynamodb:UpdateItem on <Table.Arn> if LeadingKeys media",
      LOGS("FnEventsMediaProcessed"),
      PARAMS("media", ["WEBHOOK_SECRET", "WEBHOOK_URL"]),
      DLQ("FnEventsMediaProcessed"),
    ].sort(),
    http: [
      "dynamodb:BatchGetItem dynamodb:GetItem on <Table.Arn> if LeadingKeys media,stats",
      "dynamodb:DeleteItem on <Table.Arn> if LeadingKeys media,thumbnail",
      "dynamodb:PutItem dynamodb:Query dynamodb:UpdateItem on <Table.Arn> if LeadingKeys media",
      LOGS("FnHttp"),
      // remove asks for the object first; a missing one answers 404 only to a role that may list the bucket.
      "s3:DeleteObject s3:GetObject on <Bucket.Arn>/public/thumbnails/*",
      "s3:DeleteObject s3:GetObject on <Bucket.Arn>/*",
      // Uploads (a write and a signed upload URL) go only where media.ts's uploadPath() puts them.
      "s3:PutObject on <Bucket.Arn>/uploads/*",
      "s3:ListBucket on <Bucket.Arn>",
    ].sort(),
    "schedule-cron-0-3-mon": [
      "dynamodb:BatchGetItem dynamodb:GetItem on <Table.Arn> if LeadingKeys media",
      LOGS("FnScheduleCron03Mon"),
      "s3:DeleteObject s3:GetObject on <Bucket.Arn>/trash/*",
      "s3:DeleteObject s3:GetObject s3:PutObject on <Bucket.Arn>/trash* <Bucket.Arn>/uploads/*",
      "s3:ListBucket on <Bucket.Arn>",
      DLQ("FnScheduleCron03Mon"),
    ].sort(),
    "storage-listeners": [
      "dynamodb:BatchGetItem dynamodb:GetItem on <Table.Arn> if LeadingKeys media",
      "dynamodb:PutItem dynamodb:UpdateItem on <Table.Arn> if LeadingKeys media,thumbnail",
      // Its publish has `after`: delays under a second go straight to the bus.
      "events:PutEvents on <EventBus.Arn>",
      "iam:PassRole on <SchedulerRole.Arn>",
      LOGS("FnStorageListeners"),
      "s3:GetObject on <Bucket.Arn>/*",
      "s3:ListBucket on <Bucket.Arn>",
      "s3:PutObject on <Bucket.Arn>/public/thumbnails/*",
      "scheduler:CreateSchedule on arn:<AWS::Partition>:scheduler:<AWS::Region>:<AWS::AccountId>:schedule/iac-media-qa/*",
      PARAMS("media", ["THUMBNAIL_WIDTH"]),
      DLQ("FnStorageListeners"),
    ].sort(),
  });
});

test("legacy: computed keys of data.set leave writes unrestricted; bookmark reads and removes stay in their collection", async () => {
  const p = await permissionsOf("legacy");
  expect(p).toEqual({
    http: [
      "dynamodb:BatchGetItem dynamodb:GetItem dynamodb:PutItem dynamodb:UpdateItem on <Table.Arn>",
      "dynamodb:DeleteItem dynamodb:Query on <Table.Arn> if LeadingKeys bookmark",
      "dynamodb:Query on <Table.Arn>/index/label2 if LeadingKeys folder",
      LOGS("FnHttp"),
      PARAMS("legacy", ["API_KEY"]),
    ].sort(),
  });
});

test("hooks: the API reads and writes orders only; the nightly report can only read them", async () => {
  const p = await permissionsOf("hooks");
  const schedule = Object.keys(p).find((id) => id.startsWith("schedule-")) ?? "";
  const logsId = `FnSchedule${schedule
    .slice("schedule-".length)
    .split("-")
    .map((s) => s[0].toUpperCase() + s.slice(1))
    .join("")}`;
  expect(p).toEqual({
    http: ["dynamodb:PutItem dynamodb:Query dynamodb:UpdateItem on <Table.Arn> if LeadingKeys order", LOGS("FnHttp")].sort(),
    [schedule]: ["dynamodb:Query on <Table.Arn> if LeadingKeys order", LOGS(logsId), DLQ(logsId)].sort(),
  });
  expect(p[schedule].filter((s) => WRITES.test(s))).toEqual([]);
});
