/**
 * A stage's params in SSM Parameter Store, under `/iac/<app>/<stage>/NAME`
 * (the path the runtime reads through `IAC_PARAMS_PATH`). Secrets are
 * SecureStrings. Values of secrets never leave this module: listing reports
 * them as `secret` without decrypting, and setting echoes nothing back.
 */
import { GetParametersByPathCommand, PutParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import type { Diagnostic } from "../graph";
import { DEPLOY_CODES } from "./credentials";

/** Set by the stack or the runtime itself; a user value would be ignored or clash. */
export const RESERVED_PARAMS = ["APP_NAME", "INSTANCE_NAME", "ORG_NAME", "CLOUD_URL"];

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function paramsPath(app: string, stage: string): string {
  return `/iac/${app}/${stage}/`;
}

/** A diagnostic when `name` cannot be a param (`params.NAME` must be an identifier). */
export function checkParamName(name: string): Diagnostic | undefined {
  if (!NAME.test(name)) {
    return {
      code: DEPLOY_CODES.params,
      severity: "error",
      message: `"${name}" is not a valid param name`,
      hint: "Use letters, digits and _, not starting with a digit (the app reads it as params.NAME).",
    };
  }
  if (RESERVED_PARAMS.includes(name)) {
    return { code: DEPLOY_CODES.params, severity: "error", message: `${name} is reserved: iac sets it for every stage` };
  }
  return undefined;
}

export interface ParamTarget {
  app: string;
  stage: string;
  /** A client (tests point it at a stand-in endpoint); default: the SDK's default chain. */
  client?: SSMClient;
}

export async function setParam(
  target: ParamTarget,
  name: string,
  value: string,
  options: { secret?: boolean } = {},
): Promise<{ name: string; version: number }> {
  const client = target.client ?? new SSMClient({});
  const out = await client.send(
    new PutParameterCommand({
      Name: `${paramsPath(target.app, target.stage)}${name}`,
      Value: value,
      Type: options.secret ? "SecureString" : "String",
      Overwrite: true,
    }),
  );
  return { name, version: out.Version ?? 0 };
}

export interface ParamInfo {
  name: string;
  secret: boolean;
  /** Absent for secrets: never decrypted, never shown. */
  value?: string;
  version?: number;
  lastModified?: string;
}

export async function listParams(target: ParamTarget): Promise<ParamInfo[]> {
  const client = target.client ?? new SSMClient({});
  const prefix = paramsPath(target.app, target.stage);
  const params: ParamInfo[] = [];
  let next: string | undefined;
  do {
    // WithDecryption false: SecureString values come back encrypted, and are dropped anyway.
    const page = await client.send(new GetParametersByPathCommand({ Path: prefix, Recursive: false, WithDecryption: false, NextToken: next }));
    for (const p of page.Parameters ?? []) {
      if (!p.Name) continue;
      const secret = p.Type === "SecureString";
      params.push({
        name: p.Name.slice(prefix.length),
        secret,
        ...(secret || p.Value === undefined ? {} : { value: p.Value }),
        ...(p.Version !== undefined ? { version: p.Version } : {}),
        ...(p.LastModifiedDate ? { lastModified: p.LastModifiedDate.toISOString() } : {}),
      });
    }
    next = page.NextToken;
  } while (next);
  return params.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
