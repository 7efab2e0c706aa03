/**
 * The ejected project's README: what is in it, what came from where in the
 * app (the registrations and calls `iac why` knows), how to take a deployed
 * stage over, and how to drop the SDK later, area by area. Pure over the
 * model.
 */
import type { EjectModel } from "./model";
import { at, callsOn, dataCalls, labelCalls, registrationsOf } from "./provenance";
import { findResource } from "./stack/context";

/** The README lists every site; code comments list the first few. */
const ALL = Number.POSITIVE_INFINITY;

export function readme(model: EjectModel, stackFile: string, className: string, appDirFromOut: string, hooksCarried: boolean): string {
  const g = model.graph;
  const app = g.app.name;
  const lines: string[] = [
    `# ${app}, stage ${model.stage}: the AWS CDK app`,
    "",
    `Ejected from iac (\`iac eject --stage ${model.stage}\`). This is a standalone AWS CDK app in TypeScript that`,
    `makes the same stack as \`iac build --stage ${model.stage}\` (\`${model.stackName}\`): the same resources with the same`,
    "logical IDs, so it can take the deployed stack over without replacing anything.",
    "",
    "| file | what it is |",
    "|---|---|",
    "| `bin/app.ts` | the CDK app: bundles the handlers, builds the stack" + (hooksCarried ? ", runs iac.config's stack and function hooks" : "") + " |",
    `| \`lib/${stackFile}.ts\` | \`${className}\`: one construct per resource, each commented with the code that caused it |`,
    "| `lib/app-function.ts` | `AppFunction`: a Lambda function with its own role, log group and dead-letter queue |",
    "| `package.json`, `tsconfig.json`, `cdk.json` | pinned versions; `npm run synth`, `npm run diff`, `npm run deploy` |",
    "",
    `Paths in comments are relative to the app's folder (\`${appDirFromOut}\` from here).`,
    "",
    "## What came from where",
    "",
  ];
  const data = findResource(g, "data");
  if (data) {
    lines.push(`- **Table** (\`Table\`, DynamoDB): the app uses \`data\` (first at ${at(data.location)}).`);
    for (const l of dataCalls(g, ALL)) lines.push(`  - ${l}`);
    for (const label of data.labels) {
      lines.push(`  - index \`${label}\`:`);
      for (const l of labelCalls(g, label, ALL)) lines.push(`    - ${l}`);
    }
  }
  const storage = findResource(g, "storage");
  if (storage) {
    lines.push(`- **Bucket** (\`Bucket\`, S3): the app uses \`storage\` (first at ${at(storage.location)}).`);
    for (const l of callsOn(g, "storage", ALL)) lines.push(`  - ${l}`);
  }
  if (model.resources.some((r) => r.path === "EventBus/Resource")) {
    lines.push("- **EventBus**: the app publishes or subscribes to events.");
    for (const l of callsOn(g, "events", ALL)) lines.push(`  - ${l}`);
  }
  for (const plan of g.functions) {
    lines.push(`- **Function \`${plan.id}\`** (${plan.kind}, timeout ${plan.timeoutMs / 1000} s): runs`);
    for (const l of registrationsOf(g, plan, ALL)) lines.push(`  - ${l}`);
  }
  const statics = findResource(g, "static");
  if (model.resources.some((r) => r.path === "Cdn/Resource")) {
    lines.push(`- **Cdn** (CloudFront): the app's URL${statics ? `, with the ${statics.files.length} file(s) of static/` : ""}.`);
  }
  if (findResource(g, "params"))
    lines.push(
      "- **Params**: read at run time from SSM Parameter Store under `" +
        `/iac/${app}/${model.stage}/` +
        "`; each function may read only the names its code reads.",
    );
  lines.push(
    "",
    "Each function's IAM statements are in the stack, each preceded by the calls that need it (`iac why` answers the same question).",
    "",
    "## Taking the deployed stage over",
    "",
    "```sh",
    "npm install",
    `npx cdk diff ${model.stackName}    # no resource changes: same logical IDs, same properties, same function code`,
    `npx cdk deploy ${model.stackName}`,
    "```",
    "",
    "The handlers are bundled by iac's bundler into the app's `.iac/bundles/" + model.stage + "`, exactly as `iac build` bundles them, so the",
    "functions' asset hash is the one deployed. From then on, deploy with this app instead of `iac deploy`.",
    "Keep the stack name, the construct ids and the two `overrideLogicalId` calls: they are what makes CloudFormation",
    "see the same table and bucket. Adding `cdk init`'s feature flags to `cdk.json` may change the template: run `cdk diff` first.",
    "",
    "## What you give up",
    "",
    "- Permissions no longer follow the code: a new `data`, `storage`, `events` or `params` call needs its statement added by hand",
    "  (the runtime still reads `IAC_TABLE`, `IAC_BUCKET`... from each function's environment).",
    "- `iac why`, `iac diff`'s classification of changes and iac's cdk-nag acknowledgements; " +
      (hooksCarried ? "iac.config's `validate` hook (the stack and function hooks still run, from bin/app.ts)." : "iac.config's hooks."),
    "- `iac dev` and `iac test` keep working on the app's code while it uses the SDK.",
    "",
    "## Dropping the SDK later, area by area",
    "",
    "The functions run the app with the iac runtime inside, which reads the environment this stack sets. Each area can be",
    "replaced on its own, deploying in between:",
    "",
    "- **data**: one table, partition key `pk`, sort key `sk`; the key `col:k` is item `pk=col, sk=k`, a key without a colon",
    '  is `pk=":"`; label `labelN` is the index `labelN` on `labelNpk`/`labelNsk`; TTL attribute `ttl` (epoch seconds).',
    "  Replace `data.*` calls with the DynamoDB document client on `process.env.IAC_TABLE`.",
    "- **storage**: objects in the bucket `process.env.IAC_BUCKET` under their path; use the S3 client (and its presigner for URLs).",
    "- **events**: `PutEvents` on `process.env.IAC_EVENT_BUS` with source `iac." + app + "`, detail-type the event name and detail",
    "  `{ id, body, time, delay }`; a delayed publish is a one-time EventBridge Scheduler schedule in `IAC_SCHEDULER_GROUP`.",
    "- **params**: SSM parameters under `IAC_PARAMS_PATH`; read them with the SSM client (a function may read the names in `IAC_PARAMS_NAMES`).",
    '- **schedule**: each rule sends `{"iac":"schedule","expression":...}`; point the rule at your own handler instead.',
    "- **api** / **http**: API Gateway sends payload format 2.0 to the `http` function; serve it with your own handler (for an",
    "  Express app, any Lambda adapter for Express).",
    "- **bundling**: once no code imports the SDK, replace `bundleHandlers` in `bin/app.ts` with `NodejsFunction` (or your",
    "  own bundle) per function, and remove the `iac` dependency. New code is an update of each function, never a replacement.",
    "",
  );
  return `${lines.join("\n")}\n`;
}
