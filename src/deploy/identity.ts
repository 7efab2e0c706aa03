/**
 * Before a deploy: is this the app's stack, under the identity it had?
 * (src/config/identity.ts pins the identity; synth tags each stack with it.)
 *
 * - The stack `<app>-<stage>` does not exist yet, but a stack of this stage
 *   carries the app's `iac:app-id`: the app was renamed (its `app` in
 *   iac.app.json changed). Deploying would create a new stack with an empty
 *   table and bucket while the data stays in the old stack: refused unless
 *   acknowledged (`--accept-identity-change`).
 * - The stack exists but carries another app's id: two apps would share one
 *   stack, the second replacing the first's resources: refused unless
 *   acknowledged (after deleting and re-pinning iac.app.json, the same app
 *   has a new id; acknowledging then re-tags the stack).
 * Stacks deployed before identities were pinned carry no id and pass.
 *
 * A checkout without iac.app.json (a CI job whose repository never
 * committed it) pins a new, random id on every run; `adoptableId` lets the
 * deploy take the id the stack already carries instead, so the second run
 * is not refused as another app's.
 */
import type { Diagnostic } from "../graph";
import { DEPLOY_CODES } from "./credentials";
import type { DeployedStack, StackLookup } from "./stacks";

/** Tag keys synth writes (src/synth/app.ts STACK_TAGS), repeated here so deploy loads no CDK. */
export const APP_ID_TAG = "iac:app-id";
export const STAGE_TAG = "iac:stage";

export interface IdentityCheck {
  stackName: string;
  stage: string;
  /** The pinned identity's id; undefined for an app without iac.app.json (nothing to check). */
  appId?: string;
  /** `--accept-identity-change`. */
  accept: boolean;
}

export interface IdentityVerdict {
  ok: boolean;
  /** The app's stack of this stage under its previous name, when it was renamed. */
  previous?: string;
  diagnostics: Diagnostic[];
}

const ACCEPT_HINT = "If this is intended, deploy again with --accept-identity-change.";

/** `current`: the stack `check.stackName` as CloudFormation describes it, or undefined when there is none. */
export async function checkIdentity(check: IdentityCheck, current: DeployedStack | undefined, stacks: StackLookup): Promise<IdentityVerdict> {
  if (!check.appId) return { ok: true, diagnostics: [] };
  if (current) {
    const owner = current.tags[APP_ID_TAG];
    if (owner === undefined || owner === check.appId) return { ok: true, diagnostics: [] };
    const diagnostic: Diagnostic = {
      code: DEPLOY_CODES.identityChanged,
      severity: check.accept ? "warning" : "error",
      message:
        `Stack ${check.stackName} belongs to app id ${owner}, not to this app (${check.appId} in iac.app.json). ` +
        `Deploying would replace that app's functions and routes with this one's${check.accept ? " (accepted with --accept-identity-change)" : ""}.`,
      hint: `If another app has the same name, change "app" in iac.app.json. If iac.app.json was deleted and written again, restore its "id": "${owner}". ${ACCEPT_HINT}`,
    };
    return { ok: check.accept, diagnostics: [diagnostic] };
  }
  const others = (await stacks.find({ [APP_ID_TAG]: check.appId, [STAGE_TAG]: check.stage })).filter((s) => s.name !== check.stackName);
  if (others.length === 0) return { ok: true, diagnostics: [] };
  const previous = others[0].name;
  const diagnostic: Diagnostic = {
    code: DEPLOY_CODES.identityChanged,
    severity: check.accept ? "warning" : "error",
    message:
      `This app's stage ${check.stage} is deployed as stack ${previous}, but the app is now named so that it deploys as ${check.stackName}. ` +
      `Deploying creates a new stack with an empty table and bucket; the data stays in ${previous}, which keeps running until you delete it` +
      `${check.accept ? " (accepted with --accept-identity-change)" : ""}.`,
    hint: `To keep the data, set "app" in iac.app.json back to the name that makes ${previous}. ${ACCEPT_HINT}`,
  };
  return { ok: check.accept, previous, diagnostics: [diagnostic] };
}

/**
 * The id to write into iac.app.json when this build has just created it (no committed identity)
 * and the stack it deploys already exists with an id of its own: the stack's. Undefined otherwise.
 */
export function adoptableId(created: boolean, appId: string | undefined, current: DeployedStack | undefined): string | undefined {
  const theirs = current?.tags[APP_ID_TAG];
  return created && appId !== undefined && theirs !== undefined && theirs !== appId ? theirs : undefined;
}
