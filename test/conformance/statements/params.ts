/** docs/sdk.md, "params": the stage's params and the reserved names. */
import { api, params, type Request, type Response } from "iac";
import { FIXTURE } from "./fixture";
import type { Area } from "./types";
import { request, unique } from "./util";

export const paramsArea: Area = {
  name: "params",
  statements: [
    {
      id: "params.app-name",
      title: "APP_NAME is the app's name: package.json name without its scope",
      async run() {
        expect(params.APP_NAME).toBe(FIXTURE.appName);
      },
    },
    {
      id: "params.instance-name",
      title: "INSTANCE_NAME is the stage",
      async run(ctx) {
        expect(params.INSTANCE_NAME).toBe(ctx.stage);
      },
    },
    {
      id: "params.org-name",
      title: "ORG_NAME is the owner: package.json iac.org, else the npm scope of its name, else the app's name",
      async run() {
        expect(params.ORG_NAME).toBe(FIXTURE.org);
      },
    },
    {
      id: "params.cloud-url",
      title: "CLOUD_URL is the app's URL, which answers the app's routes",
      async run() {
        expect(params.CLOUD_URL).toMatch(/^https?:\/\/[^/]+$/);
        const p = `/c/${unique("url")}`;
        api.get(`${p}/ping`, (_req: Request, res: Response) => res.json({ pong: true }));
        const res = await request(`${p}/ping`);
        expect([res.status, res.json()]).toEqual([200, { pong: true }]);
      },
    },
    {
      id: "params.read",
      title: "params.NAME reads the stage's value; a name that is not set reads undefined",
      async run() {
        expect(params.GREETING).toBe(FIXTURE.params.GREETING);
        expect(params.CONFORMANCE_NEVER_SET).toBeUndefined();
        expect("GREETING" in params).toBe(true);
        expect("CONFORMANCE_NEVER_SET" in params).toBe(false);
        const { GREETING } = params;
        expect(GREETING).toBe(FIXTURE.params.GREETING);
      },
    },
    {
      id: "params.secret",
      title: "a secret param reads its value",
      async run() {
        expect(params.API_TOKEN).toBe(FIXTURE.params.API_TOKEN);
      },
    },
    {
      id: "params.at-load",
      title: "params are readable at module load, outside any handler, reserved names included",
      async run(ctx) {
        const { atLoad } = await import("./params-at-load");
        expect(atLoad).toEqual({
          APP_NAME: FIXTURE.appName,
          INSTANCE_NAME: ctx.stage,
          ORG_NAME: FIXTURE.org,
          CLOUD_URL: params.CLOUD_URL,
          GREETING: FIXTURE.params.GREETING,
          API_TOKEN: FIXTURE.params.API_TOKEN,
          UNSET: undefined,
        });
      },
    },
    {
      id: "params.read-only",
      title: "params cannot be assigned",
      async run() {
        expect(() => {
          (params as Record<string, string>).GREETING = "changed";
        }).toThrow(TypeError);
        expect(params.GREETING).toBe(FIXTURE.params.GREETING);
      },
    },
  ],
};
