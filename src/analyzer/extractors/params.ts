/**
 * `params.NAME` reads (also `params["NAME"]` and `const { NAME } = params`).
 * A computed read (`params[x]`) makes every param of the stage reachable.
 * Reserved names are always set by iac, so they are not declared params,
 * but a read of one is still a usage (CLOUD_URL lives in Parameter Store).
 *
 * Codes: IAC5004 computed param name.
 */
import type { ParamsResource, SourceLocation, UsageScope } from "../../graph";
import type { Extractor } from "../context";
import { ANALYZER_CODES } from "../codes";

export const RESERVED_PARAMS: ReadonlySet<string> = new Set(["APP_NAME", "INSTANCE_NAME", "ORG_NAME", "CLOUD_URL"]);

export function createParamsExtractor(): Extractor {
  const names = new Set<string>();
  let dynamic = false;
  let location: SourceLocation | undefined;
  return {
    area: "params",
    isRegistration: () => false,
    use(site, ctx) {
      if (site.kind !== "read") return [];
      location ??= ctx.location(site.node);
      const name = site.path[1];
      const scope: UsageScope = {};
      if (name === "[]") {
        dynamic = true;
        ctx.report(ANALYZER_CODES.paramNameComputed, "warning", site.node, "the param name is computed: every param of the stage is readable here", {
          hint: "read params by name (params.NAME) so only those are granted",
        });
      } else {
        scope.names = [name];
        if (!RESERVED_PARAMS.has(name)) names.add(name);
      }
      return [{ resource: "params", operation: "read", scope }];
    },
    escape(site, ctx) {
      location ??= ctx.location(site.node);
      dynamic = true;
      return { usages: [{ resource: "params", operation: "read", scope: {} }], inferred: "reading every param of the stage, for every function" };
    },
    resources() {
      if (!location) return [];
      const params: ParamsResource = { kind: "params", id: "params", location, names: [...names].sort(), dynamic };
      return [params];
    },
  };
}
