/**
 * The Jest runtime `iac test` uses (Jest's `runtime` option): Jest's own,
 * except that the app's files are never loaded as native ES modules. Jest
 * would load `.mjs` files and `.js` files of a `"type": "module"` package
 * through its VM-modules ESM loader, which needs Node's
 * `--experimental-vm-modules` and cannot honour `jest.mock`. Our transform
 * (`transform.ts`) turns them into CommonJS like every other app file, so
 * they take the CommonJS path. Files under node_modules (not transformed)
 * keep Jest's answer, and so its error for an ESM-only dependency.
 *
 * Jest loads this file as plain JS from `dist/`, through its interop that
 * reads the default export.
 */
import { createRequire } from "module";

interface Resolution {
  shouldLoadAsEsm(modulePath: string): boolean;
}

type RuntimeClass = new (...args: unknown[]) => object;

/** The jest-runtime that Jest's test workers use: through jest -> @jest/core -> jest-runner. */
function loadJestRuntime(): RuntimeClass {
  const step = (from: NodeJS.Require, name: string): NodeJS.Require => createRequire(from.resolve(`${name}/package.json`));
  const runner = step(step(step(require, "jest"), "@jest/core"), "jest-runner");
  const loaded = runner("jest-runtime") as { default?: RuntimeClass };
  if (typeof loaded.default !== "function") throw new Error("iac test: jest-runtime has no default export (an unexpected Jest version?)");
  return loaded.default;
}

const NODE_MODULES = /[\\/]node_modules[\\/]/;

const JestRuntime = loadJestRuntime();

class IacRuntime extends JestRuntime {
  constructor(...args: unknown[]) {
    super(...args);
    const resolution = (this as { _resolution?: Resolution })._resolution;
    if (!resolution || typeof resolution.shouldLoadAsEsm !== "function") {
      throw new Error("iac test: this Jest version's runtime has no _resolution.shouldLoadAsEsm to override (an unexpected Jest version?)");
    }
    const jestAnswer = resolution.shouldLoadAsEsm.bind(resolution);
    resolution.shouldLoadAsEsm = (modulePath) => NODE_MODULES.test(modulePath) && jestAnswer(modulePath);
  }
}

export default IacRuntime;
