/**
 * SSM's GetParameters and GetParametersByPath as signed HTTPS calls, for the
 * params load at a function's init.
 *
 * Why not the SDK's client: `@aws-sdk/client-ssm` is one 400 KB module
 * whose client registers a schema for each of the service's ~150 operations
 * as it loads, about 16 ms of CPU at every cold start that reads params, a
 * quarter of a hand-written handler's whole init (bench/runtime). The call
 * itself is small: AWS JSON 1.1, signed with SigV4 by the SDK's own signer
 * (`@smithy/signature-v4`, which the DynamoDB client has already loaded),
 * the Lambda role's credentials from the environment Lambda sets.
 *
 * Scope, and the fall-back: only the plain setup a Lambda function has
 * (credentials in the environment, the regional endpoint or an
 * `AWS_ENDPOINT_URL[_SSM]` override, no FIPS or dual-stack settings, the
 * signer loadable). Anything else returns `undefined` from `leanSsm`, and
 * the caller uses the SDK's client, which knows every other case.
 * Throttling and 5xx answers are retried (three attempts, jittered backoff)
 * as the SDK's standard retry mode would.
 */
import { createHash, createHmac } from "crypto";
import { request as httpRequest, type IncomingMessage } from "http";
import { request as httpsRequest } from "https";
import type {
  GetParametersByPathCommandInput,
  GetParametersByPathCommandOutput,
  GetParametersCommandInput,
  GetParametersCommandOutput,
} from "@aws-sdk/client-ssm";

export interface SsmPort {
  getParametersByPath(input: GetParametersByPathCommandInput): Promise<GetParametersByPathCommandOutput>;
  /** At most 10 names per call (SSM's limit); unknown names come back in `InvalidParameters`. */
  getParameters(input: GetParametersCommandInput): Promise<GetParametersCommandOutput>;
}

interface Signer {
  sign(request: SignableRequest, options?: { signingDate?: Date }): Promise<SignableRequest>;
}

interface SignableRequest {
  method: string;
  protocol: string;
  hostname: string;
  port?: number;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string;
}

type SignerConstructor = new (init: {
  service: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  sha256: typeof NodeSha256;
}) => Signer;

/** The hash the signer asks for (what `@smithy/hash-node` does): SHA-256, or HMAC-SHA-256 with a secret. */
class NodeSha256 {
  private readonly hash;
  constructor(secret?: string | Uint8Array) {
    this.hash = secret === undefined ? createHash("sha256") : createHmac("sha256", typeof secret === "string" ? Buffer.from(secret, "utf8") : secret);
  }
  update(data: string | Uint8Array): void {
    this.hash.update(typeof data === "string" ? Buffer.from(data, "utf8") : data);
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

const ATTEMPTS = 3;

/** The lean port when this environment is within its scope (see the header), else `undefined`. */
export function leanSsm(env: NodeJS.ProcessEnv = process.env, loadSigner: () => SignerConstructor = requireSigner): SsmPort | undefined {
  const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey, AWS_SESSION_TOKEN: sessionToken } = env;
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (!accessKeyId || !secretAccessKey || !region) return undefined;
  if (isTrue(env.AWS_USE_FIPS_ENDPOINT) || isTrue(env.AWS_USE_DUALSTACK_ENDPOINT)) return undefined;
  let Signer: SignerConstructor;
  try {
    Signer = loadSigner();
  } catch {
    return undefined;
  }
  const endpoint = new URL(env.AWS_ENDPOINT_URL_SSM ?? env.AWS_ENDPOINT_URL ?? `https://ssm.${region}.${dnsSuffix(region)}`);
  const signer = new Signer({ service: "ssm", region, credentials: { accessKeyId, secretAccessKey, sessionToken }, sha256: NodeSha256 });
  /** One AWS JSON 1.1 action, signed, with the SDK's standard retries. */
  async function call(action: "GetParametersByPath" | "GetParameters", input: object): Promise<unknown> {
    const body = JSON.stringify(input);
    for (let attempt = 1; ; attempt++) {
      const signed = await signer.sign({
        method: "POST",
        protocol: endpoint.protocol,
        hostname: endpoint.hostname,
        ...(endpoint.port ? { port: Number(endpoint.port) } : {}),
        path: endpoint.pathname,
        query: {},
        headers: {
          host: endpoint.host,
          "content-type": "application/x-amz-json-1.1",
          "x-amz-target": `AmazonSSM.${action}`,
          "content-length": String(Buffer.byteLength(body)),
        },
        body,
      });
      const answer = await send(endpoint, signed, action);
      if (answer.status === 200) return JSON.parse(answer.text);
      const error = serviceError(answer.status, answer.text, action);
      if (attempt >= ATTEMPTS || !retryable(answer.status, error.name)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 100 * 2 ** attempt));
    }
  }
  return {
    getParametersByPath: async (input) => (await call("GetParametersByPath", input)) as GetParametersByPathCommandOutput,
    getParameters: async (input) => (await call("GetParameters", input)) as GetParametersCommandOutput,
  };
}

function requireSigner(): SignerConstructor {
  // The SDK's signer, from wherever the AWS SDK is installed (the Lambda image); a literal
  // require so bundlers leave it external like the SDK (`@smithy/*` is marked so).
  const loaded: unknown = require("@smithy/signature-v4");
  const ctor: unknown = typeof loaded === "object" && loaded !== null ? Reflect.get(loaded, "SignatureV4") : undefined;
  if (typeof ctor !== "function") throw new Error("@smithy/signature-v4 has no SignatureV4");
  return ctor as SignerConstructor;
}

function isTrue(value: string | undefined): boolean {
  return value !== undefined && value.toLowerCase() === "true";
}

/** The partition's DNS suffix for the regional endpoint. */
function dnsSuffix(region: string): string {
  if (region.startsWith("cn-")) return "amazonaws.com.cn";
  if (region.startsWith("eusc-")) return "amazonaws.eu";
  return "amazonaws.com";
}

function send(endpoint: URL, signed: SignableRequest, action: string): Promise<{ status: number; text: string }> {
  const request = endpoint.protocol === "http:" ? httpRequest : httpsRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      { method: signed.method, hostname: endpoint.hostname, port: endpoint.port || undefined, path: signed.path, headers: signed.headers, timeout: 10_000 },
      (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`SSM ${action} timed out after 10 s`)));
    req.on("error", reject);
    req.end(signed.body);
  });
}

/** An AWS JSON error answer (`{ "__type": "...#Name", "message": "..." }`) as an Error named after it. */
function serviceError(status: number, text: string, action: string): Error {
  let name = `HTTP ${status}`;
  let message = text.slice(0, 300);
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === "object" && parsed !== null) {
      const type = Reflect.get(parsed, "__type");
      const msg = Reflect.get(parsed, "message") ?? Reflect.get(parsed, "Message");
      if (typeof type === "string") name = type.split("#").pop() ?? type;
      if (typeof msg === "string") message = msg;
    }
  } catch {
    // Not JSON (a proxy's page): the status and the text say it.
  }
  const error = new Error(`SSM ${action} failed: ${name}: ${message}`);
  error.name = name;
  return error;
}

function retryable(status: number, name: string): boolean {
  return status >= 500 || status === 429 || /Throttl|TooManyRequests|RequestLimitExceeded/.test(name);
}
