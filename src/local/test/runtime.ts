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
 * It also reads snapshot files written by Jest 27 and 28 as current. Their
 * header names the old guide link (`https://goo.gl/fbAQLP`), which Jest 30
 * rejects as "outdated" whenever snapshots are not being written (`--ci`,
 * which CI services turn on), so every snapshot test of an app written for
 * Serverless Cloud would fail in CI. The contents are the same format (v1);
 * only the link changed.
 *
 * Jest loads this file as plain JS from `dist/`, through its interop that
 * reads the default export.
 */
import * as fs from "fs";
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

/** The first line Jest 27 and 28 wrote into a snapshot file; Jest 29 changed only the link. */
const LEGACY_SNAPSHOT_HEADER = "// Jest Snapshot v1, https://goo.gl/fbAQLP";

type UpdateMode = "all" | "new" | "none";
interface SnapshotUtils {
  getSnapshotData(snapshotPath: string, update: UpdateMode): { data: Record<string, string>; dirty: boolean };
}

const legacyAwareUtils = new WeakMap<object, SnapshotUtils>();

function startsWithLegacyHeader(snapshotPath: string): boolean {
  try {
    return fs.readFileSync(snapshotPath, "utf8").split(/\r?\n/, 1)[0] === LEGACY_SNAPSHOT_HEADER;
  } catch {
    return false;
  }
}

/**
 * `@jest/snapshot-utils` as handed to the code that loads it in a test file's
 * context, reading a legacy-header file the way it reads a current one: in
 * "all" mode its data loads without the header check, and nothing is marked
 * for rewriting, so the user's file changes only when a snapshot does. The
 * module's exports are getters, so this is a copy with one function replaced.
 */
function acceptLegacySnapshotHeader(utils: unknown): unknown {
  const candidate = utils as Partial<SnapshotUtils> | null;
  if (!candidate || typeof candidate.getSnapshotData !== "function") return utils;
  const cached = legacyAwareUtils.get(candidate);
  if (cached) return cached;
  const original = candidate.getSnapshotData;
  const aware: SnapshotUtils = {
    ...(candidate as SnapshotUtils),
    getSnapshotData: (snapshotPath, update) => {
      if (!startsWithLegacyHeader(snapshotPath)) return original(snapshotPath, update);
      return { data: original(snapshotPath, "all").data, dirty: false };
    },
  };
  legacyAwareUtils.set(candidate, aware);
  return aware;
}

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

  requireInternalModule(from: string, to?: string): unknown {
    const loaded = (JestRuntime.prototype as unknown as { requireInternalModule(from: string, to?: string): unknown }).requireInternalModule.call(
      this,
      from,
      to,
    );
    return to === "@jest/snapshot-utils" ? acceptLegacySnapshotHeader(loaded) : loaded;
  }
}

export default IacRuntime;
