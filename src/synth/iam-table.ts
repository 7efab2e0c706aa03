/**
 * The one table (house style habit 6) mapping each SDK operation to the IAM
 * actions it needs and the kind of resource they apply to. Kept apart from
 * `iam.ts` and free of aws-cdk-lib, so `iac why` and `iac diff` can explain
 * permissions without loading CDK.
 */
import type { Usage } from "../graph";

/** What an action applies to; resolved to ARNs per function from the usage scope. */
export type GrantTarget = "table" | "index" | "objects" | "bucket" | "bus" | "schedules" | "schedulerRole" | "params" | "paramsPath";

export interface GrantRule {
  actions: readonly string[];
  on: GrantTarget;
  /** Only when the usage's scope is unknown (e.g. a computed param name needs the whole path). */
  unscopedOnly?: boolean;
  /** A bucket action the usage's path prefixes may narrow (`s3:prefix`); without it, the whole bucket. */
  byPrefix?: boolean;
}

/**
 * S3 answers a request for a missing key with 403, not 404, unless the
 * caller may list the bucket: without it the runtime could not tell a
 * missing file (which the contract reads as `undefined` / `false`) from a
 * denied one. So every operation that may meet a missing key may list the
 * bucket; S3 makes that check without a prefix, so it cannot be narrowed.
 */
const SEES_MISSING_KEYS: GrantRule = { actions: ["s3:ListBucket"], on: "bucket" };

type OperationTable<U extends Usage> = { [R in U["resource"]]: Record<Extract<U, { resource: R }>["operation"], readonly GrantRule[]> };

/** The one mapping (resource, operation) → IAM actions. */
export const IAM_TABLE: OperationTable<Usage> = {
  data: {
    get: [{ actions: ["dynamodb:GetItem", "dynamodb:BatchGetItem"], on: "table" }],
    query: [{ actions: ["dynamodb:Query"], on: "table" }],
    getByLabel: [{ actions: ["dynamodb:Query"], on: "index" }],
    // set merges into a live item with a conditional UpdateItem, else writes a fresh one with a
    // conditional PutItem; both return the previous item (ALL_OLD). A batch is one write per item.
    set: [{ actions: ["dynamodb:PutItem", "dynamodb:UpdateItem"], on: "table" }],
    remove: [{ actions: ["dynamodb:DeleteItem"], on: "table" }],
    // add updates a live item; an absent or expired one is created with a conditional PutItem,
    // and a put blocked by a live item is read (GetItem) to tell a type error from a race.
    add: [{ actions: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"], on: "table" }],
    // seed reads which keys exist (unless overwriting), then writes the others as set does.
    seed: [{ actions: ["dynamodb:BatchGetItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"], on: "table" }],
    // seed(items, true) first removes every item: a Scan of the table and batched deletes.
    seedOverwrite: [{ actions: ["dynamodb:Scan", "dynamodb:BatchWriteItem"], on: "table" }],
  },
  storage: {
    read: [{ actions: ["s3:GetObject"], on: "objects" }, SEES_MISSING_KEYS],
    write: [{ actions: ["s3:PutObject"], on: "objects" }],
    // HeadObject is authorised by s3:GetObject.
    exists: [{ actions: ["s3:GetObject"], on: "objects" }, SEES_MISSING_KEYS],
    stat: [{ actions: ["s3:GetObject"], on: "objects" }, SEES_MISSING_KEYS],
    // ListObjects under the folder listed: `s3:prefix` narrows it when the folder is known.
    list: [{ actions: ["s3:ListBucket"], on: "bucket", byPrefix: true }],
    // remove, copy and move ask for the object first (HeadObject): a missing one answers false.
    remove: [{ actions: ["s3:GetObject", "s3:DeleteObject"], on: "objects" }, SEES_MISSING_KEYS],
    copy: [{ actions: ["s3:GetObject", "s3:PutObject"], on: "objects" }, SEES_MISSING_KEYS],
    move: [{ actions: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], on: "objects" }, SEES_MISSING_KEYS],
    // A presigned URL carries the signer's rights: the function needs the right it hands out.
    getDownloadUrl: [{ actions: ["s3:GetObject"], on: "objects" }],
    getUploadUrl: [{ actions: ["s3:PutObject"], on: "objects" }],
  },
  events: {
    publish: [{ actions: ["events:PutEvents"], on: "bus" }],
    // A delay under a second (after 0, a negative delay, a past date) is put on the bus at once.
    publishDelayed: [
      { actions: ["scheduler:CreateSchedule"], on: "schedules" },
      { actions: ["iam:PassRole"], on: "schedulerRole" },
      { actions: ["events:PutEvents"], on: "bus" },
    ],
  },
  params: {
    // The runtime loads a function's params at init: by name with GetParameters (IAC_PARAMS_NAMES),
    // or by path where a read is computed. It never calls GetParameter.
    read: [
      { actions: ["ssm:GetParameters"], on: "params" },
      { actions: ["ssm:GetParametersByPath"], on: "paramsPath", unscopedOnly: true },
    ],
  },
};

export function rulesFor(usage: Usage): readonly GrantRule[] {
  switch (usage.resource) {
    case "data":
      return IAM_TABLE.data[usage.operation];
    case "storage":
      return IAM_TABLE.storage[usage.operation];
    case "events":
      return IAM_TABLE.events[usage.operation];
    case "params":
      return IAM_TABLE.params[usage.operation];
    default: {
      const never: never = usage;
      throw new Error(`unknown usage ${JSON.stringify(never)}`);
    }
  }
}
