// A stand-in for AWS SSM Parameter Store (unreachable from here): a local
// HTTP server answering the two JSON-1.1 actions iac uses, PutParameter and
// GetParametersByPath, the way SSM does (SecureString values come back
// encrypted unless WithDecryption). The real @aws-sdk/client-ssm talks to it.
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
  /** Every request body, to check what left the client. */
  requests: { target: string; body: Record<string, unknown> }[];
  close(): Promise<void>;
}

export async function startSsmStandIn(): Promise<SsmStandIn> {
  const params = new Map<string, Stored>();
  const requests: SsmStandIn["requests"] = [];
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c: Buffer) => (raw += c.toString("utf8")));
    req.on("end", () => {
      const target = String(req.headers["x-amz-target"] ?? "");
      const body: Record<string, unknown> = JSON.parse(raw || "{}");
      requests.push({ target, body });
      res.setHeader("content-type", "application/x-amz-json-1.1");
      if (target === "AmazonSSM.PutParameter") {
        const name = String(body.Name);
        const version = (params.get(name)?.Version ?? 0) + 1;
        params.set(name, { Name: name, Type: String(body.Type), Value: String(body.Value), Version: version, LastModifiedDate: 1_790_000_000 });
        res.end(JSON.stringify({ Version: version, Tier: "Standard" }));
      } else if (target === "AmazonSSM.GetParametersByPath") {
        const prefix = String(body.Path);
        const list = [...params.values()].filter((p) => p.Name.startsWith(prefix)).map((p) => ({
          ...p, Value: p.Type === "SecureString" && body.WithDecryption !== true ? `AQICAH-encrypted-${p.Version}` : p.Value,
        }));
        res.end(JSON.stringify({ Parameters: list }));
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
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
