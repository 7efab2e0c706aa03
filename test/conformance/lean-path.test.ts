/**
 * The HTTP areas of the SDK contract once more, on the embedded backends,
 * with apps of `api` routes served the way a Lambda bundle serves them:
 * Express's Router, with Express loaded on first need
 * (src/runtime/core/api/lean.ts). embedded.test.ts and aws.test.ts check the
 * same statements served by an Express app, as the local instance serves
 * every app; both must answer alike.
 */
import * as fs from "fs";
import { useLeanPath } from "../../src/runtime/internal";
import { writeConformanceApp } from "./support/app";
import { defineConformance } from "./support/define";
import { startEmbedded } from "./support/embedded";

const appDir = writeConformanceApp();
beforeAll(() => useLeanPath(true));
afterAll(() => {
  useLeanPath(undefined);
  fs.rmSync(appDir, { recursive: true, force: true });
});

describe("the HTTP statements on the lean path", () => {
  defineConformance("embedded", () => startEmbedded(appDir), ["api", "http", "static"]);
});
