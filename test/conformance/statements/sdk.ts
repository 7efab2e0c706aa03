/** docs/sdk.md, "the SDK module": names, the alias, the default export, logs, top-level await. */
import * as iac from "iac";
import cloud, { api, data, events, http, logs, params, schedule, storage } from "iac";
import * as alias from "@serverless/cloud";
import type { Area } from "./types";

export const sdkArea: Area = {
  name: "sdk",
  statements: [
    {
      id: "sdk.import",
      title: "iac and @serverless/cloud are one SDK: the same interfaces, by import or require",
      async run() {
        const names = ["api", "data", "events", "http", "logs", "params", "schedule", "storage"] as const;
        for (const name of names) expect([name, alias[name]]).toEqual([name, iac[name]]);
        const required = require("@serverless/cloud") as typeof iac;
        for (const name of names) expect(required[name] === iac[name]).toBe(true);
        expect(alias.data === data).toBe(true);
      },
    },
    {
      id: "sdk.default-export",
      title: "the default export holds every interface",
      async run() {
        expect(cloud).toEqual({ api, data, events, http, logs, params, schedule, storage });
        expect(cloud.data === data && cloud.api === api && cloud.params === params).toBe(true);
      },
    },
    {
      id: "sdk.logs",
      title: "logs.retain(n, unit) is a build setting: at run time it does nothing and never throws",
      async run() {
        expect(logs.retain(30, "days")).toBeUndefined();
        expect(logs.retain(1, "year")).toBeUndefined();
      },
    },
    {
      id: "sdk.top-level-await",
      title: "an app module may await at its top level; its exports are ready before the tests",
      skip: {
        embedded:
          "module loading is the host's, not the backends': iac dev's ES module app bundle is checked in test/local; this path loads the statements with the repository's Jest",
        aws: "the Lambda bundle is one ES module whose init awaits it: checked by test/conformance/lambda-bundle.test.ts",
      },
      async run() {
        // The generated app's lib/awaited.ts awaits at its top level; the entry imports it.
        const awaited = require("../lib/awaited") as { ready: string; greeting: string | undefined };
        expect(awaited).toMatchObject({ ready: "awaited at load", greeting: "hello from the stage" });
      },
    },
  ],
};
