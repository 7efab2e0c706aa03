/**
 * The SDK contract (docs/sdk.md), statement by statement, on the embedded
 * backends of the local instance, in-process (support/embedded.ts).
 */
import * as fs from "fs";
import { writeConformanceApp } from "./support/app";
import { defineConformance } from "./support/define";
import { startEmbedded } from "./support/embedded";

const appDir = writeConformanceApp();
afterAll(() => fs.rmSync(appDir, { recursive: true, force: true }));

describe("the SDK contract on the embedded backends", () => {
  defineConformance("embedded", () => startEmbedded(appDir));
});
