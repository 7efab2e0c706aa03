/**
 * The app's identity, base against head. The stack of a stage is
 * `<app>-<stage>`, so a changed app name is not an update of the stack at
 * all: the head deploys a new stack, with a new, empty table and bucket,
 * and the base's stack keeps the data. The app name comes from iac.app.json
 * (src/config/identity.ts), else package.json `name` or the folder.
 *
 * When it changed, this is the one change that matters: comparing the two
 * templates resource by resource would describe an update that never
 * happens (a handful of "safe" modifications), so the template part lists
 * instead what the old stack keeps that the new one starts without.
 */
import type { AppGraph } from "../graph";
import type { Change, Template } from "./types";

const STATEFUL: Record<string, string> = { "AWS::DynamoDB::Table": "table", "AWS::DynamoDB::GlobalTable": "table", "AWS::S3::Bucket": "bucket" };

export function identityChanged(base: AppGraph, head: AppGraph): boolean {
  return base.app.name !== head.app.name;
}

export function diffIdentity(base: AppGraph, head: AppGraph, stage: string): Change[] {
  if (!identityChanged(base, head)) return [];
  const before = `${base.app.name}-${stage}`;
  const after = `${head.app.name}-${stage}`;
  return [
    {
      source: "graph",
      area: "app",
      action: "changed",
      subject: "app identity",
      class: "destructive",
      reason:
        `the app is now named ${head.app.name} (was ${base.app.name}), so stage ${stage} deploys as a new stack ${after} with an empty table and bucket; ` +
        `the data stays in ${before}, which keeps running. iac deploy refuses this without --accept-identity-change. ` +
        `To keep the data, keep the name: "app": "${base.app.name}" in iac.app.json`,
      causes: [],
      details: [`stack ${before} → ${after}`],
    },
  ];
}

/** What the base's stack holds that the head's new stack will not: its table and bucket (and their data). */
export function leftBehind(base: Template, baseGraph: AppGraph, head: AppGraph, stage: string): Change[] {
  const before = `${baseGraph.app.name}-${stage}`;
  const after = `${head.app.name}-${stage}`;
  return Object.entries(base.Resources ?? {})
    .filter(([, r]) => STATEFUL[r.Type] !== undefined)
    .map(([id, r]): Change => ({
      source: "template",
      area: "resource",
      action: "replaced",
      subject: `${id} (${r.Type})`,
      class: "destructive",
      reason: `stays in stack ${before} with its data; stack ${after} gets a new, empty ${STATEFUL[r.Type]}`,
      causes: [],
      resource: { logicalId: id, type: r.Type, properties: [] },
    }))
    .sort((a, b) => (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0));
}
