/**
 * The params load's lean SSM calls (src/runtime/aws/ssm-lean.ts) against the
 * SSM stand-in (SSM is unreachable here): by name (IAC_PARAMS_NAMES, ten
 * names per GetParameters call) or every page of the path, SecureStrings
 * decrypted, requests signed so that SSM would accept them (the stand-in's
 * record is re-signed with the same key, date and signed headers by the
 * SDK's signer and must match), SSM's errors named, throttling retried, and
 * the environments outside its scope left to the SDK's client.
 */
import { SignatureV4 } from "@smithy/signature-v4";
import { createHash, createHmac } from "crypto";
import { configureFromEnvironment, resetLambdaSetup } from "../../../src/runtime/adapters/lambda/setup";
import { createSsmParamsSource } from "../../../src/runtime/aws/params";
import { leanSsm } from "../../../src/runtime/aws/ssm-lean";
import { loadParams, resetRuntime } from "../../../src/runtime/internal";
import { startSsmStandIn, type SsmStandIn } from "../../deploy/ssm-stand-in";

const PATH = "/iac/app/qa/";
let ssm: SsmStandIn;

beforeAll(async () => {
  ssm = await startSsmStandIn();
  for (let i = 0; i < 13; i++) {
    const name = `${PATH}P${String(i).padStart(2, "0")}`;
    ssm.params.set(name, { Name: name, Type: i === 3 ? "SecureString" : "String", Value: `value-${i}`, Version: 1, LastModifiedDate: 1_790_000_000 });
  }
  ssm.params.set("/iac/app/prod/OTHER", { Name: "/iac/app/prod/OTHER", Type: "String", Value: "no", Version: 1, LastModifiedDate: 1_790_000_000 });
});

afterAll(() => ssm.close());

beforeEach(() => {
  ssm.requests.length = 0;
});

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    AWS_REGION: "eu-west-1",
    AWS_ACCESS_KEY_ID: "AKIALEANTEST",
    AWS_SECRET_ACCESS_KEY: "lean-secret",
    AWS_SESSION_TOKEN: "lean-token",
    AWS_ENDPOINT_URL_SSM: ssm.endpoint,
    ...extra,
  };
}

type Source = string | ArrayBuffer | ArrayBufferView;

function bytes(data: Source): Buffer {
  if (typeof data === "string") return Buffer.from(data, "utf8");
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/** The hash the SDK's signer takes (as @smithy/hash-node's), for the test's own re-signing. */
class Sha256 {
  private readonly h;
  constructor(secret?: Source) {
    this.h = secret === undefined ? createHash("sha256") : createHmac("sha256", bytes(secret));
  }
  update(d: Source): void {
    this.h.update(bytes(d));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.h.digest());
  }
}

/** What SSM does with a request: recompute the signature over the headers the request says it signed. */
async function expectedAuthorization(r: SsmStandIn["requests"][number]): Promise<string> {
  const auth = String(r.headers.authorization);
  const signedNames = /SignedHeaders=([^,]+)/.exec(auth)?.[1].split(";") ?? [];
  const headers: Record<string, string> = {};
  for (const name of signedNames) headers[name] = String(r.headers[name]);
  const amzDate = String(r.headers["x-amz-date"]);
  const date = new Date(
    `${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`,
  );
  const [hostname, port] = String(r.headers.host).split(":");
  const signer = new SignatureV4({
    service: "ssm",
    region: "eu-west-1",
    credentials: { accessKeyId: "AKIALEANTEST", secretAccessKey: "lean-secret", sessionToken: "lean-token" },
    sha256: Sha256,
  });
  const signed = await signer.sign(
    { method: r.method, protocol: "http:", hostname, port: Number(port), path: r.url, query: {}, headers, body: r.raw },
    { signingDate: date },
  );
  return String(signed.headers.authorization);
}

test("every page under the stage's path, SecureStrings decrypted, each request signed as SSM checks it", async () => {
  const port = leanSsm(env());
  if (!port) throw new Error("the lean call should serve a Lambda-like environment");
  const values = await createSsmParamsSource(PATH, port).load();
  expect(Object.keys(values).sort()).toEqual(Array.from({ length: 13 }, (_, i) => `P${String(i).padStart(2, "0")}`));
  expect(values.P03).toBe("value-3");
  expect(ssm.requests.map((r) => [r.target, r.body.NextToken ?? null])).toEqual([
    ["AmazonSSM.GetParametersByPath", null],
    ["AmazonSSM.GetParametersByPath", "10"],
  ]);
  for (const r of ssm.requests) {
    expect(r.body).toMatchObject({ Path: PATH, WithDecryption: true, Recursive: false });
    expect(r.headers["x-amz-security-token"]).toBe("lean-token");
    expect(r.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIALEANTEST\/\d{8}\/eu-west-1\/ssm\/aws4_request, SignedHeaders=.*host.*x-amz-target/,
    );
    expect(r.headers.authorization).toBe(await expectedAuthorization(r));
  }
});

test("throttling is retried; an error SSM answers is thrown with its name and message", async () => {
  const port = leanSsm(env());
  if (!port) throw new Error("no lean port");
  ssm.failures.push({ status: 400, type: "ThrottlingException", message: "Rate exceeded" });
  await expect(createSsmParamsSource(PATH, port).load()).resolves.toHaveProperty("P00", "value-0");
  expect(ssm.requests.length).toBe(3); // the throttled one, then two pages

  ssm.failures.push({ status: 400, type: "AccessDeniedException", message: "not authorized to perform: ssm:GetParametersByPath" });
  const failed = createSsmParamsSource(PATH, port).load();
  await expect(failed).rejects.toThrow("SSM GetParametersByPath failed: AccessDeniedException: not authorized to perform: ssm:GetParametersByPath");
  await expect(failed).rejects.toHaveProperty("name", "AccessDeniedException");
});

test("outside its scope the SDK's client is used: no credentials in the environment, FIPS or dual-stack endpoints, no signer", () => {
  expect(leanSsm(env({ AWS_ACCESS_KEY_ID: "" }))).toBeUndefined();
  expect(leanSsm(env({ AWS_USE_FIPS_ENDPOINT: "true" }))).toBeUndefined();
  expect(leanSsm(env({ AWS_USE_DUALSTACK_ENDPOINT: "TRUE" }))).toBeUndefined();
  expect(
    leanSsm(env(), () => {
      throw new Error("Cannot find module '@smithy/signature-v4'");
    }),
  ).toBeUndefined();
  expect(leanSsm(env())).toBeDefined();
});

test("by name: exactly the names asked for, ten per GetParameters call, decrypted and signed; an unset one reads undefined", async () => {
  const port = leanSsm(env());
  if (!port) throw new Error("no lean port");
  const names = [...Array.from({ length: 12 }, (_, i) => `P${String(i).padStart(2, "0")}`), "NOT_SET"];
  const values = await createSsmParamsSource(PATH, port, names).load();
  expect(Object.keys(values).sort()).toEqual(names.slice(0, 12));
  expect(values.P03).toBe("value-3");
  expect(values.NOT_SET).toBeUndefined();
  expect(ssm.requests.map((r) => [r.target, (r.body.Names as string[]).length])).toEqual([
    ["AmazonSSM.GetParameters", 10],
    ["AmazonSSM.GetParameters", 3],
  ]);
  for (const r of ssm.requests) {
    expect(r.body.WithDecryption).toBe(true);
    for (const n of r.body.Names as string[]) expect(n.startsWith(PATH)).toBe(true);
    expect(r.headers.authorization).toBe(await expectedAuthorization(r));
  }
  // Not one name beyond those asked for (P12 exists but was not asked for), and never the path.
  expect(ssm.requests.flatMap((r) => r.body.Names as string[])).not.toContain(`${PATH}P12`);
});

test("no names, no call: a function whose reads are all reserved names asks SSM for nothing", async () => {
  const port = leanSsm(env());
  if (!port) throw new Error("no lean port");
  expect(await createSsmParamsSource(PATH, port, []).load()).toEqual({});
  expect(ssm.requests).toEqual([]);
});

test("on Lambda, IAC_PARAMS_NAMES decides: those names by GetParameters; without it, the path", async () => {
  const saved = { ...process.env };
  try {
    Object.assign(process.env, env(), { IAC_PARAMS_PATH: PATH, IAC_PARAMS_NAMES: "P01,P02" });
    resetRuntime();
    resetLambdaSetup();
    configureFromEnvironment(undefined);
    expect(await loadParams()).toEqual({ P01: "value-1", P02: "value-2" });
    expect(ssm.requests.map((r) => [r.target, r.body.Names])).toEqual([["AmazonSSM.GetParameters", [`${PATH}P01`, `${PATH}P02`]]]);

    ssm.requests.length = 0;
    delete process.env.IAC_PARAMS_NAMES;
    resetRuntime();
    resetLambdaSetup();
    configureFromEnvironment(undefined);
    expect(Object.keys(await loadParams())).toHaveLength(13);
    expect(new Set(ssm.requests.map((r) => r.target))).toEqual(new Set(["AmazonSSM.GetParametersByPath"]));
  } finally {
    process.env = saved;
    resetRuntime();
    resetLambdaSetup();
  }
});
