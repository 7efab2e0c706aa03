// Params in SSM, against a stand-in for SSM (ssm-stand-in.ts; AWS is not
// reachable here): the library with a real SSM client, and `iac params`
// spawned with AWS_ENDPOINT_URL_SSM pointing at the stand-in.
import { SSMClient } from "@aws-sdk/client-ssm";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { checkParamName, listParams, setParam } from "../../src/deploy";
import { runCliAsync } from "../support/iac-cli";
import { startSsmStandIn } from "./ssm-stand-in";
import type { SsmStandIn } from "./ssm-stand-in";

let ssm: SsmStandIn;
const fakeCredentials = { accessKeyId: "AKIDSTANDIN", secretAccessKey: "stand-in" };

beforeEach(async () => {
  ssm = await startSsmStandIn();
});
afterEach(() => ssm.close());

describe("params library", () => {
  test("set stores under /iac/<app>/<stage>/, secrets as SecureString; list never returns a secret's value", async () => {
    const client = new SSMClient({ endpoint: ssm.endpoint, region: "eu-west-1", credentials: fakeCredentials });
    const target = { app: "todo", stage: "qa", client };
    await setParam(target, "API_KEY", "s3cr3t-value", { secret: true });
    await setParam(target, "GREETING", "hello");
    await setParam({ ...target, stage: "prod" }, "GREETING", "hi");
    expect(ssm.params.get("/iac/todo/qa/API_KEY")?.Type).toBe("SecureString");
    expect(ssm.params.get("/iac/todo/qa/GREETING")?.Type).toBe("String");
    const listed = await listParams(target);
    expect(listed.map(({ name, secret, value, version }) => ({ name, secret, value, version }))).toEqual([
      { name: "API_KEY", secret: true, value: undefined, version: 1 },
      { name: "GREETING", secret: false, value: "hello", version: 1 },
    ]);
    // Listing never asks SSM to decrypt.
    expect(ssm.requests.filter((r) => r.target.endsWith("GetParametersByPath")).map((r) => r.body.WithDecryption)).toEqual([false]);
  });

  test("names must be identifiers and not reserved", () => {
    expect(checkParamName("API_KEY")).toBeUndefined();
    expect(checkParamName("api-key")?.message).toMatch(/not a valid param name/);
    expect(checkParamName("CLOUD_URL")?.message).toMatch(/reserved/);
  });
});

describe("iac params", () => {
  test("set --secret and list never print the secret's value", async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "iac-params-"));
    try {
      fs.writeFileSync(path.join(tmp, "package.json"), JSON.stringify({ name: "todo", private: true, main: "index.ts" }));
      fs.writeFileSync(
        path.join(tmp, "index.ts"),
        'import { api, params } from "iac";\napi.get("/", (req, res) => { res.send(params.API_KEY ? "ok" : "no"); });\n',
      );
      const env = { AWS_ENDPOINT_URL_SSM: ssm.endpoint, AWS_REGION: "eu-west-1", AWS_ACCESS_KEY_ID: "AKIDSTANDIN", AWS_SECRET_ACCESS_KEY: "stand-in" };
      const opts = { env, cwd: tmp };
      const set = await runCliAsync(["params", "set", "API_KEY", "s3cr3t-value", "--secret", "--stage", "qa", "--dir", tmp], opts);
      expect(set.stderr).not.toMatch(/error/);
      expect(set.status).toBe(0);
      expect(set.stdout).toBe("Set /iac/todo/qa/API_KEY (secret), version 1\n");
      const list = await runCliAsync(["params", "list", "--stage", "qa", "--dir", tmp], opts);
      expect(list.status).toBe(0);
      expect(list.stdout).toMatch(/^API_KEY\s+\(secret\)\n$/);
      expect(`${set.stdout}${set.stderr}${list.stdout}${list.stderr}`).not.toContain("s3cr3t-value");
      expect(ssm.params.get("/iac/todo/qa/API_KEY")?.Value).toBe("s3cr3t-value");
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
