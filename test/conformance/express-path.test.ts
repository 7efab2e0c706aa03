/**
 * The HTTP areas of the SDK contract once more, on the embedded backends,
 * with every app served by an Express app: the path apps with a mount, a
 * framework or a static folder take. embedded.test.ts and aws.test.ts check
 * the same statements on the path each app gets by default, which for `api`
 * routes is Express's Router with Express loaded on first need
 * (src/runtime/core/api/lean.ts); both must answer alike.
 */
import * as fs from "fs";
import { useLeanPath } from "../../src/runtime/internal";
import { writeConformanceApp } from "./support/app";
import { defineConformance } from "./support/define";
import { startEmbedded } from "./support/embedded";

const appDir = writeConformanceApp();
beforeAll(() => useLeanPath(false));
afterAll(() => {
  useLeanPath(undefined);
  fs.rmSync(appDir, { recursive: true, force: true });
});

describe("the HTTP statements served by an Express app", () => {
  defineConformance("embedded", () => startEmbedded(appDir), ["api", "http", "static"]);
});
