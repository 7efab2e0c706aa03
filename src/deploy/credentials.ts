/**
 * Checks, before any build or toolkit call, that AWS credentials and a
 * region can be found by the SDK's default chain (environment, shared
 * config and credentials files, SSO, web identity, container and instance
 * metadata). Without them the toolkit would only fail later with
 * `UnresolvedAccount`; this says in plain words what to configure, fast.
 *
 * The whole check is bounded (`timeoutMs`): instance metadata lookups can
 * hang off AWS, and "fail fast" must hold on every machine.
 */
import { SSMClient } from "@aws-sdk/client-ssm";
import type { Diagnostic } from "../graph";

export const DEPLOY_CODES = {
  /** No AWS credentials were found (error). */
  noCredentials: "IAC7401",
  /** No AWS region is set (error). */
  noRegion: "IAC7402",
  /** CloudFormation refused or rolled back the deploy (error). */
  deployFailed: "IAC7403",
  /** The change was not approved (error). */
  declined: "IAC7404",
  /** `iac destroy` of a long-lived stage without --force (error). */
  longLivedStage: "IAC7405",
  /** A param name that is not valid, or reserved (error). */
  params: "IAC7406",
  /** The app's identity changed (a renamed app would deploy a new, empty stack), or the stack is another app's. */
  identityChanged: "IAC7407",
  /** CloudFormation could not be asked about the deployed stack. */
  lookupFailed: "IAC7408",
  /** Label-index changes deployed over several stack updates (info), or one of those updates failed. */
  indexSteps: "IAC7409",
} as const;

export type AwsAccess = { ok: true; region: string } | { ok: false; diagnostics: Diagnostic[] };

const CREDENTIALS_HINT =
  "Configure AWS credentials: set AWS_PROFILE to a profile in ~/.aws/config (run `aws sso login --profile <name>` for SSO), " +
  "or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY; in GitHub Actions use aws-actions/configure-aws-credentials.";
const REGION_HINT = "Set AWS_REGION (for example AWS_REGION=eu-west-1), or `region` in the profile in ~/.aws/config.";

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T | "timeout"> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function noCredentials(detail: string): Diagnostic {
  return { code: DEPLOY_CODES.noCredentials, severity: "error", message: `No AWS credentials found (${detail}).`, hint: CREDENTIALS_HINT };
}

async function findRegion(client: SSMClient, timeoutMs: number): Promise<string | Diagnostic> {
  try {
    const r = await withTimeout(client.config.region(), timeoutMs);
    if (r !== "timeout" && r) return r;
  } catch {
    // "Region is missing": reported below.
  }
  return { code: DEPLOY_CODES.noRegion, severity: "error", message: "No AWS region configured.", hint: REGION_HINT };
}

async function findCredentials(client: SSMClient, timeoutMs: number): Promise<Diagnostic | undefined> {
  try {
    const c = await withTimeout(client.config.credentials(), timeoutMs);
    if (c === "timeout") return noCredentials(`gave up after ${timeoutMs} ms`);
    if (!c.accessKeyId) return noCredentials("the provider returned no access key");
    return undefined;
  } catch (error) {
    return noCredentials(error instanceof Error ? error.message : String(error));
  }
}

/** Both problems are reported at once, so one round of configuration fixes them. */
export async function checkAwsAccess(options: { timeoutMs?: number } = {}): Promise<AwsAccess> {
  const timeoutMs = options.timeoutMs ?? 1500;
  // Any SDK client resolves region and credentials through the default chain;
  // SSM is one iac already depends on. Nothing is sent.
  const client = new SSMClient({});
  try {
    const [region, credentials] = await Promise.all([findRegion(client, timeoutMs), findCredentials(client, timeoutMs)]);
    const diagnostics = [...(credentials ? [credentials] : []), ...(typeof region === "string" ? [] : [region])];
    if (typeof region === "string" && diagnostics.length === 0) return { ok: true, region };
    return { ok: false, diagnostics };
  } finally {
    client.destroy();
  }
}
