/**
 * The SDK contract (docs/sdk.md), statement by statement, on the
 * AWS-protocol backends through the Lambda adapter (support/aws.ts).
 */
import * as fs from "fs";
import { writeConformanceApp } from "./support/app";
import { startAws } from "./support/aws";
import { defineConformance } from "./support/define";

const appDir = writeConformanceApp();
afterAll(() => fs.rmSync(appDir, { recursive: true, force: true }));

describe("the SDK contract on the AWS-protocol backends, through the Lambda adapter", () => {
  defineConformance("aws", () => startAws(appDir));
});
