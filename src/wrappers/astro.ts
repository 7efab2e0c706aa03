/**
 * The Astro integration that serves an Astro app from iac's HTTP function,
 * and nothing an app must change. Imported from astro.config.mjs as
 * `iac/astro` or `@serverless/cloud/astro` (package.json `exports`) and
 * listed in `integrations: [cloud()]`.
 *
 * In `astro:config:setup` it sets:
 *
 * - `output: "server"` and `@astrojs/node` in middleware mode (the app's own
 *   install, found from the folder Astro runs in), whose
 *   `dist/server/entry.mjs` exports a `(req, res, next)` `handler` the HTTP
 *   function serves (src/frameworks/astro.ts,
 *   src/runtime/frameworks/astro.ts). An `@astrojs/node` the app set as its
 *   adapter itself is kept with its options (its mode must be
 *   `middleware`); no other adapter can serve from the function;
 * - `vite.ssr.noExternal: true`: the server build inlines the packages it
 *   imports, so `dist/server` runs on its own (the function ships no
 *   node_modules), as Next's standalone output and adapter-node do;
 * - the SDK in server code (`.astro` frontmatter, endpoints, middleware)
 *   aliased to the small module that answers with the function's own SDK
 *   instance (sdk.ts) instead of a bundled second copy.
 *
 * No iac imports: Astro loads this file with Node, outside any iac process
 * (dist/wrappers/astro.js, CommonJS).
 */

import * as path from "path";
import { pathToFileURL } from "url";
import { findPackageEntry } from "./package-entry";

type Config = Record<string, unknown>;

const ADAPTER_PACKAGE = "@astrojs/node";
const NAME = "@serverless/cloud/astro";

interface SetupOptions {
  config: Config;
  updateConfig(config: Config): unknown;
}

interface AstroIntegration {
  name: string;
  hooks: { "astro:config:setup": (options: SetupOptions) => Promise<void> };
}

function isRecord(value: unknown): value is Config {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `@astrojs/node`'s entry file for the app at `from`; undefined when it is not installed. */
function findAstroNode(from: string): string | undefined {
  return findPackageEntry(from, ADAPTER_PACKAGE, "dist/index.js");
}

async function nodeAdapter(root: string): Promise<unknown> {
  const entry = findAstroNode(root);
  if (!entry) throw new Error(`${NAME}: ${ADAPTER_PACKAGE} is not installed in ${root}; install it: npm install ${ADAPTER_PACKAGE}`);
  const loaded: unknown = await import(pathToFileURL(entry).href);
  const factory = isRecord(loaded) ? loaded.default : undefined;
  if (typeof factory !== "function") throw new Error(`${NAME}: ${entry} does not export @astrojs/node's factory`);
  return factory({ mode: "middleware" });
}

/** The integration: `integrations: [cloud()]` in astro.config.mjs. */
function cloud(): AstroIntegration {
  return {
    name: NAME,
    hooks: {
      async "astro:config:setup"({ config, updateConfig }) {
        const root = config.root instanceof URL ? path.resolve(config.root.pathname) : process.cwd();
        const own = isRecord(config.adapter) && config.adapter.name === ADAPTER_PACKAGE;
        const sdk = path.join(__dirname, "sdk.mjs");
        // An adapter is an integration too: listed here, @astrojs/node's own hooks run after this one (it sets itself as the adapter).
        const adapter = own ? undefined : await nodeAdapter(root);
        updateConfig({
          output: "server",
          ...(adapter ? { adapter, integrations: [adapter] } : {}),
          vite: { ssr: { noExternal: true }, resolve: { alias: { "@serverless/cloud": sdk, iac: sdk } } },
        });
      },
    },
  };
}

/**
 * The module is the integration itself: Astro loads its config through
 * Vite, whose default import of a CommonJS module is `module.exports`; the
 * names hang off it for `import { cloud }` and for iac's own use.
 */
const exported = Object.assign(cloud, { cloud, default: cloud, findAstroNode, ADAPTER_PACKAGE });
export = exported;
