/**
 * One SDK per process: a framework's server code is not in iac's bundle (it
 * runs from the framework's own output, its node_modules traced by the
 * framework), so its `require("@serverless/cloud")` or `require("iac")`
 * would load a second, unconfigured copy of the SDK. Node's CommonJS loader
 * is asked for every such request; these two names (and nothing else) are
 * answered with the SDK instance this process configured, so `data`,
 * `storage` and `params` inside a page are the app's own.
 */
import Module from "module";

const SDK_NAMES = new Set(["iac", "@serverless/cloud"]);

type Load = (request: string, parent: unknown, isMain: boolean) => unknown;

let installed: { sdk: object } | undefined;

function isLoad(value: unknown): value is Load {
  return typeof value === "function";
}

/** Makes `require("iac")` and `require("@serverless/cloud")` anywhere in this process return `sdk`. */
export function shareSdkModule(sdk: object): void {
  if (installed) {
    installed.sdk = sdk;
    return;
  }
  const original: unknown = Reflect.get(Module, "_load");
  if (!isLoad(original)) throw new Error("iac runtime: Node's module loader has no _load; a framework's pages cannot reach the SDK");
  const state = { sdk };
  installed = state;
  const load: Load = function (this: unknown, request, parent, isMain) {
    if (SDK_NAMES.has(request)) return state.sdk;
    return original.call(this, request, parent, isMain);
  };
  Reflect.set(Module, "_load", load);
}
