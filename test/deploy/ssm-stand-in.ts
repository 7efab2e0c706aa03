// A stand-in for AWS SSM Parameter Store (unreachable from here): a local
// HTTP server answering the JSON-1.1 actions iac uses, PutParameter,
// GetParametersByPath and GetParameters, the way SSM does (SecureString
// values come back encrypted unless WithDecryption; GetParameters takes at
// most 10 names and lists unknown ones as InvalidParameters). The real
// @aws-sdk/client-ssm talks to it.
import * as http from "http";

interface Stored {
  Name: string;
  Type: string;
  Value: string;
  Version: number;
  LastModifiedDate: number;
}

export interface SsmStandIn {
  endpoint: string;
  params: Map<string, Stored>;
  /** Every request, to check what left the client (the raw body and headers, to check a signature). */
  requests: { target: string; body: Record<string, unknown>; raw: string; method: string; url: string; headers: http.IncomingHttpHeaders }[];
  /** Answers to give instead of the next requests' (an error SSM may send: throttling, access denied). */
  failures: { status: number; type: string; message: string }[];
  close(): Promise<void>;
}

/** SSM's page size for GetParametersByPath when MaxResults is not given. */
const PAGE = 10;
/** The most names one GetParameters call may ask for. */
const GET_PARAMETERS_MAX = 10;

export async function startSsmStandIn(): Promise<SsmStandIn> {
  const params = new Map<string, Stored>();
  const requests: SsmStandIn["requests"] = [];
  const failures: SsmStandIn["failures"] = [];
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c: Buffer) => (raw += c.toString("utf8")));
    req.on("end", () => {
      const target = String(req.headers["x-amz-target"] ?? "");
      const body: Record<string, unknown> = JSON.parse(raw || "{}");
      requests.push({ target, body, raw, method: req.method ?? "", url: req.url ?? "", headers: req.headers });
      res.setHeader("content-type", "application/x-amz-json-1.1");
      const failure = failures.shift();
      if (failure) {
        res.statusCode = failure.status;
        res.end(JSON.stringify({ __type: `com.amazonaws.ssm#${failure.type}`, message: failure.message }));
      } else if (target === "AmazonSSM.PutParameter") {
        const name = String(body.Name);
        const version = (params.get(name)?.Version ?? 0) + 1;
        params.set(name, { Name: name, Type: String(body.Type), Value: String(body.Value), Version: version, LastModifiedDate: 1_790_000_000 });
        res.end(JSON.stringify({ Version: version, Tier: "Standard" }));
      } else if (target === "AmazonSSM.GetParametersByPath") {
        const prefix = String(body.Path);
        const list = [...params.values()]
          .filter((p) => p.Name.startsWith(prefix))
          .sort((a, b) => (a.Name < b.Name ? -1 : 1))
          .map((p) => ({
            ...p,
            Value: p.Type === "SecureString" && body.WithDecryption !== true ? `AQICAH-encrypted-${p.Version}` : p.Value,
          }));
        // Pages as SSM gives them: at most MaxResults (10 by default), then a NextToken.
        const start = typeof body.NextToken === "string" ? Number(body.NextToken) : 0;
        const size = typeof body.MaxResults === "number" ? body.MaxResults : PAGE;
        const page = list.slice(start, start + size);
        res.end(JSON.stringify({ Parameters: page, ...(start + size < list.length ? { NextToken: String(start + size) } : {}) }));
      } else if (target === "AmazonSSM.GetParameters") {
        const names = Array.isArray(body.Names) ? body.Names.map(String) : [];
        if (names.length === 0 || names.length > GET_PARAMETERS_MAX) {
          res.statusCode = 400;
          res.end(
            JSON.stringify({
              __type: "com.amazonaws.ssm#ValidationException",
              message: `1 validation error detected: Value at 'names' failed to satisfy constraint: Member must have length less than or equal to ${GET_PARAMETERS_MAX}`,
            }),
          );
          return;
        }
        const found = names.flatMap((n: string) => {
          const p = params.get(n);
          return p ? [{ ...p, Value: p.Type === "SecureString" && body.WithDecryption !== true ? `AQICAH-encrypted-${p.Version}` : p.Value }] : [];
        });
        res.end(JSON.stringify({ Parameters: found, InvalidParameters: names.filter((n: string) => !params.has(n)) }));
      } else {
        res.statusCode = 400;
        res.end(JSON.stringify({ __type: "InvalidAction", message: `stand-in does not implement ${target}` }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    params,
    requests,
    failures,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
