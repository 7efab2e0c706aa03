/**
 * The statements that depend on how a deployed function is built and
 * started, checked on the conformance app built by the library (the real
 * bundler and synth) and loaded as Lambda loads it (Node 22, its asset
 * alone in a task root, the template's environment; test/matrix/deployed.ts),
 * answering an API Gateway v2 event: what its modules read while they
 * loaded. The stage's params are in the SSM stand-in, CLOUD_URL among them
 * as the stack stores it; the owner's name comes from the template.
 */
import * as fs from "fs";
import { httpApiEvent, isRecord } from "../e2e/lambda";
import { deploy, startBackends, type Backends, type Deployed } from "../matrix/deployed";
import { FIXTURE } from "./statements/fixture";
import { writeConformanceApp } from "./support/app";

const STAGE = "bundle";
const CLOUD_URL = "https://d111111conformance.cloudfront.net";

let backends: Backends | undefined;
let deployed: Deployed | undefined;
let appDir: string | undefined;

beforeAll(async () => {
  appDir = writeConformanceApp();
  backends = await startBackends();
  const deployment = await deploy(appDir, STAGE, backends, { ...FIXTURE.params, CLOUD_URL });
  if (!deployment.ok)
    throw new Error(
      `the conformance app did not build:\n${deployment.diagnostics.map((d) => `${d.location?.file}:${d.location?.line} ${d.code} ${d.message}`).join("\n")}`,
    );
  deployed = deployment.deployed;
}, 120_000);

afterAll(async () => {
  await deployed?.close();
  await backends?.close();
  if (appDir) fs.rmSync(appDir, { recursive: true, force: true });
});

function httpFunction() {
  const fn = deployed?.assembly.functions.find((f) => f.id === "http");
  if (!deployed || !fn) throw new Error("no http function was built");
  return { deployed, fn };
}

describe("the deployed function's start", () => {
  test("[params.org-name] [params.app-name] [params.instance-name] the template tells every function the app, the stage and the owner", () => {
    const { fn } = httpFunction();
    expect(fn.variables).toMatchObject({ IAC_APP: FIXTURE.appName, IAC_STAGE: STAGE, IAC_ORG: FIXTURE.org });
  });

  test("[params.at-load] [params.cloud-url] [sdk.top-level-await] modules read the stage's params and await at load, before the first event", async () => {
    const { deployed: d, fn } = httpFunction();
    const lambda = d.start(fn);
    const outcome = await lambda.invoke(httpApiEvent("GET", "/c/entry/at-load"));
    if (!outcome.ok) throw new Error(`the invocation failed: ${JSON.stringify(outcome.error)}\n${outcome.logs.join("\n")}`);
    const result = outcome.result;
    if (!isRecord(result) || typeof result.body !== "string") throw new Error(`not an HTTP API response: ${JSON.stringify(result)}`);
    expect([result.statusCode, JSON.parse(result.body)]).toEqual([
      200,
      {
        atLoad: { APP_NAME: FIXTURE.appName, INSTANCE_NAME: STAGE, ORG_NAME: FIXTURE.org, CLOUD_URL, ...FIXTURE.params },
        awaited: { ready: "awaited at load", greeting: FIXTURE.params.GREETING },
      },
    ]);
  });
});
