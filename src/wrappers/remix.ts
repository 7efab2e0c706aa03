/**
 * The Vite plugin that serves a Remix app (2.x, Remix's Vite plugin) from
 * iac's HTTP function, and nothing an app must change. Imported from
 * vite.config.js as `iac/remix` or `@serverless/cloud/remix` and listed
 * after Remix's own plugin: `plugins: [remix(), cloud()]`.
 *
 * - `vite build`: `ssr.noExternal: true`, so `build/server/index.js` inlines
 *   the packages it imports and runs without node_modules (the function
 *   ships none), as Next's standalone output does; and the server build
 *   also exports `@remix-run/node`'s request handler and stream helpers
 *   under `__iac*` names, which the HTTP function uses to serve the build
 *   (src/runtime/frameworks/remix.ts), so nothing outside `build/` is needed.
 * - Always: the SDK in server code (loaders, actions, resource routes)
 *   aliased to the small module that answers with the function's own SDK
 *   instance (sdk.ts) instead of an inlined second copy.
 *
 * No iac imports: Vite loads this file outside any iac process
 * (dist/wrappers/remix.js, CommonJS).
 */

import * as path from "path";

/** Remix's server build, a virtual module of its Vite plugin (`virtual:remix/server-build`, resolved with Rollup's `\0` prefix). */
const SERVER_BUILD = "virtual:remix/server-build";

/** What the server build exports beside Remix's own fields, for the HTTP function. */
const EXPORTS = [
  'export { createRequestHandler as __iacCreateRequestHandler, createReadableStreamFromReadable as __iacReadableStream, writeReadableStreamToWritable as __iacWriteStream } from "@remix-run/node";',
].join("\n");

interface VitePlugin {
  name: string;
  config(config: unknown, env: { command: string }): Record<string, unknown>;
  transform(code: string, id: string, options?: { ssr?: boolean }): string | undefined;
}

/** The plugin: `plugins: [remix(), cloud()]` in vite.config.js. */
function cloud(): VitePlugin {
  const sdk = path.join(__dirname, "sdk.mjs");
  let building = false;
  return {
    name: "@serverless/cloud/remix",
    config(_config, env) {
      building = env.command === "build";
      const alias = { "@serverless/cloud": sdk, iac: sdk };
      // Only the build inlines packages: Vite's dev server runs CommonJS packages (React) from node_modules.
      return building ? { ssr: { noExternal: true }, resolve: { alias } } : { resolve: { alias } };
    },
    transform(code, id) {
      if (!building || !id.replace(/^\0/, "").startsWith(SERVER_BUILD)) return undefined;
      return `${code}\n${EXPORTS}\n`;
    },
  };
}

/** The module is the plugin factory, and names it too (`import { cloud }` or the default import). */
const exported = Object.assign(cloud, { cloud, default: cloud });
export = exported;
