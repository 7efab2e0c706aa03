/**
 * The AWS `ParamsSource`, read once per container by `loadParams()`,
 * SecureStrings decrypted, names the path's last segment:
 * - with `names` (synth's `IAC_PARAMS_NAMES`: the params this function's
 *   code reads, which are all its role may read), exactly those, with
 *   GetParameters, ten names per call (SSM's limit); a name that is not set
 *   is left out and reads `undefined`;
 * - without (a function that reads a param by a computed name), every
 *   parameter under the stage's path (`IAC_PARAMS_PATH`,
 *   `/iac/<app>/<stage>/`), with GetParametersByPath.
 * SSM sits behind a one-method port: on Lambda the lean signed call of
 * ssm-lean.ts (a cold start that reads params does not load the SDK's SSM
 * client), else the SDK's client, loaded lazily; tests stand in for SSM,
 * which is unreachable here.
 */
import type { GetParametersByPathCommandInput, GetParametersCommandInput } from "@aws-sdk/client-ssm";
import type { ParamsSource } from "../core/backends";
import { once } from "../core/once";
import { leanSsm, type SsmPort } from "./ssm-lean";

export type { SsmPort } from "./ssm-lean";

/** The most names one GetParameters call may ask for. */
export const GET_PARAMETERS_BATCH = 10;

export function createSsmParamsSource(path: string, ssm: SsmPort = leanSsm() ?? lazySsm(), names?: readonly string[]): ParamsSource {
  const prefix = path.endsWith("/") ? path : `${path}/`;
  return {
    async load(): Promise<Record<string, string>> {
      const values: Record<string, string> = {};
      if (names) {
        const batches: string[][] = [];
        for (let i = 0; i < names.length; i += GET_PARAMETERS_BATCH) batches.push(names.slice(i, i + GET_PARAMETERS_BATCH).map((n) => `${prefix}${n}`));
        const pages = await Promise.all(batches.map((Names) => ssm.getParameters({ Names, WithDecryption: true })));
        for (const page of pages) {
          for (const p of page.Parameters ?? []) {
            if (p.Name?.startsWith(prefix) && p.Value !== undefined) values[p.Name.slice(prefix.length)] = p.Value;
          }
        }
        return values;
      }
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
    return {
      getParametersByPath: (i: GetParametersByPathCommandInput) => c.send(new sdk.GetParametersByPathCommand(i)),
      getParameters: (i: GetParametersCommandInput) => c.send(new sdk.GetParametersCommand(i)),
    };
  });
  return {
    getParametersByPath: async (input) => (await client()).getParametersByPath(input),
    getParameters: async (input) => (await client()).getParameters(input),
  };
}
