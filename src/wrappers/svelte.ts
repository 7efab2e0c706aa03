/**
 * `withCloud(svelteConfig)`: what a SvelteKit app needs to run in iac's
 * HTTP function, and nothing an app must change. Imported from
 * svelte.config.js as `iac/svelte` or `@serverless/cloud/svelte`
 * (package.json `exports`); SvelteKit configs are ES modules, and Node
 * gives them this CommonJS module's named exports (`withCloud`) as well
 * as its default.
 *
 * It sets `kit.adapter` to `@sveltejs/adapter-node` (the app's own
 * install, found from the folder SvelteKit runs in), whose `build/handler.js`
 * exports a `(req, res, next)` middleware the HTTP function serves
 * (src/frameworks/sveltekit.ts, src/runtime/frameworks/sveltekit.ts).
 * adapter-node is an ES module: it is imported when SvelteKit calls the
 * adapter, so the config itself stays synchronous. An adapter-node the app
 * configured itself is kept with its options; any other adapter is
 * replaced, since the function runs the Node server. Everything else the
 * app set is kept as it is.
 *
 * No iac imports: SvelteKit loads this file with Node, outside any iac
 * process (dist/wrappers/svelte.js, CommonJS).
 */

import * as path from "path";
import { pathToFileURL } from "url";
import { findPackageEntry } from "./package-entry";

type Config = Record<string, unknown>;

interface Adapter {
  name: string;
  adapt(builder: unknown): Promise<void>;
  supports?: Record<string, unknown>;
}

export const ADAPTER_PACKAGE = "@sveltejs/adapter-node";

function isRecord(value: unknown): value is Config {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** adapter-node's entry file for the app at `from`; undefined when it is not installed. */
export function findAdapterNode(from: string): string | undefined {
  return findPackageEntry(from, ADAPTER_PACKAGE, "index.js");
}

/** The adapter SvelteKit calls: adapter-node, imported when the build reaches it. */
function nodeAdapter(): Adapter {
  return {
    name: ADAPTER_PACKAGE,
    async adapt(builder) {
      const entry = findAdapterNode(process.cwd());
      if (!entry) throw new Error(`withCloud: ${ADAPTER_PACKAGE} is not installed in ${process.cwd()}; install it: npm install --save-dev ${ADAPTER_PACKAGE}`);
      const loaded: unknown = await import(pathToFileURL(entry).href);
      const factory = isRecord(loaded) ? loaded.default : undefined;
      if (typeof factory !== "function") throw new Error(`withCloud: ${entry} does not export adapter-node's factory`);
      // No precompressed copies: CloudFront compresses the static files, and the function's asset stays smaller.
      const adapter: unknown = factory({ precompress: false });
      if (!isRecord(adapter) || typeof adapter.adapt !== "function") throw new Error(`withCloud: ${ADAPTER_PACKAGE} returned no adapter`);
      await Reflect.apply(adapter.adapt, adapter, [builder]);
    },
    // adapter-node's own: the server reads its files (`read` from $app/server) and runs instrumentation.
    supports: { read: () => true, instrumentation: () => true },
  };
}

/**
 * Wraps a SvelteKit config for iac's HTTP function. An adapter-node the app
 * configured itself is kept with its options (its `out` must stay `build`);
 * no adapter, or another one, becomes adapter-node.
 */
export function withCloud(config: Config = {}): Config {
  const kit: Config = isRecord(config.kit) ? { ...config.kit } : {};
  if (!(isRecord(kit.adapter) && kit.adapter.name === ADAPTER_PACKAGE)) kit.adapter = nodeAdapter();
  // The SDK in pages and endpoints: the small module that answers with the function's instance, inlined by the build (sdk.ts).
  const sdk = path.join(__dirname, "sdk.mjs");
  kit.alias = { ...(isRecord(kit.alias) ? kit.alias : {}), "@serverless/cloud": sdk, iac: sdk };
  return { ...config, kit };
}

export default withCloud;
