/**
 * The AWS `ParamsSource`: every parameter under the stage's SSM path
 * (`IAC_PARAMS_PATH`, `/iac/<app>/<stage>/`), SecureStrings decrypted, read
 * once per container by `loadParams()`. Names are the path's last segment.
 * SSM sits behind a one-method port: on Lambda the lean signed call of
 * ssm-lean.ts (a cold start that reads params does not load the SDK's SSM
 * client), else the SDK's client, loaded lazily; tests stand in for SSM,
 * which is unreachable here.
 */
import type { GetParametersByPathCommandInput } from "@aws-sdk/client-ssm";
import type { ParamsSource } from "../core/backends";
import { once } from "../core/once";
import { leanSsm, type SsmPort } from "./ssm-lean";

export type { SsmPort } from "./ssm-lean";

export function createSsmParamsSource(path: string, ssm: SsmPort = leanSsm() ?? lazySsm()): ParamsSource {
  const prefix = path.endsWith("/") ? path : `${path}/`;
  return {
    async load(): Promise<Record<string, string>> {
      const values: Record<string, string> = {};
      let token: string | undefined;
      do {
        const page = await ssm.getParametersByPath({ Path: prefix, WithDecryption: true, Recursive: false, NextToken: token });
        for (const p of page.Parameters ?? []) {
          if (p.Name?.startsWith(prefix) && p.Value !== undefined) values[p.Name.slice(prefix.length)] = p.Value;
        }
        token = page.NextToken;
      } while (token);
      return values;
    },
  };
}

function lazySsm(): SsmPort {
  const client = once(async () => {
    const sdk = await import("@aws-sdk/client-ssm");
    const c = new sdk.SSMClient({});
    return { getParametersByPath: (i: GetParametersByPathCommandInput) => c.send(new sdk.GetParametersByPathCommand(i)) };
  });
  return { getParametersByPath: async (input) => (await client()).getParametersByPath(input) };
}
