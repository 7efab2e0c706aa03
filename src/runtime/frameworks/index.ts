/**
 * Web frameworks' servers in the HTTP function, one loader per framework
 * (the same names as src/frameworks' registry). Synth sets
 * `IAC_FRAMEWORK` (the name) and `IAC_FRAMEWORK_DIR` (the server's folder
 * in the function's code, relative to the task root) on the HTTP function
 * only; the Lambda init calls `startFramework` before the app's modules
 * load, so the first request finds the server ready. The framework's
 * handler is served after the app's own `api` routes and `http.use` mount.
 */
import type { RequestListener } from "http";
import * as path from "path";
import { setFrameworkHandler } from "../core/api/registry";
import { loadAstroServer } from "./astro";
import { loadNextServer } from "./nextjs";
import { loadRemixServer } from "./remix";
import { loadSvelteKitServer } from "./sveltekit";
import { shareSdk, type SharedSdk } from "../shared";
import { shareSdkModule } from "./sdk-module";

const LOADERS: Record<string, (serverDir: string) => Promise<RequestListener>> = {
  astro: loadAstroServer,
  nextjs: loadNextServer,
  remix: loadRemixServer,
  sveltekit: loadSvelteKitServer,
};

/** Loads the framework's server named by the environment, if any; `sdk` is what its pages get for `@serverless/cloud`. */
export async function startFramework(sdk: SharedSdk, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const name = env.IAC_FRAMEWORK;
  const dir = env.IAC_FRAMEWORK_DIR;
  if (!name || !dir) return;
  const load = LOADERS[name];
  if (!load) throw new Error(`iac runtime: unknown framework ${name} (IAC_FRAMEWORK)`);
  // Required (an external package to the framework) or bundled into its chunks: either way this instance.
  shareSdkModule(sdk);
  shareSdk(sdk);
  // Relative to the task root (Lambda's working directory too).
  setFrameworkHandler(await load(path.resolve(env.LAMBDA_TASK_ROOT ?? process.cwd(), dir)));
}

export { shareSdkModule } from "./sdk-module";
