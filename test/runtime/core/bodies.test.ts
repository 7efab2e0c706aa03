import { api } from "iac";
import { configureRuntime, resetRuntime } from "../../../src/runtime/internal";
import { MAX_BODY_BYTES } from "../../../src/runtime/core/api/limits";

beforeEach(() => {
  resetRuntime();
  configureRuntime({ logger: { error: () => undefined } });
});

function echo(): void {
  api.post("/echo", (req, res) => {
    const body: unknown = req.body;
    res.json({
      body: Buffer.isBuffer(body) ? { buffer: body.toString("base64") } : body,
      files: (Array.isArray(req.files) ? req.files : []).map((f) => ({ ...f, buffer: f.buffer.toString("utf8"), stream: undefined })),
    });
  });
}

function multipart(boundary: string, parts: { name: string; filename?: string; type?: string; content: string }[]): string {
  const lines = parts.flatMap((p) => [
    `--${boundary}`,
    `Content-Disposition: form-data; name="${p.name}"${p.filename ? `; filename="${p.filename}"` : ""}`,
    ...(p.type ? [`Content-Type: ${p.type}`] : []),
    "",
    p.content,
  ]);
  return [...lines, `--${boundary}--`, ""].join("\r\n");
}

test("JSON, urlencoded and text bodies", async () => {
  echo();
  expect((await api.post("/echo").invoke({ title: "milk", tags: ["a"] })).body).toMatchObject({ body: { title: "milk", tags: ["a"] } });
  const form = await api.post("/echo").invoke("a=1&b[c]=2", { headers: { "content-type": "application/x-www-form-urlencoded" } });
  expect(form.body).toMatchObject({ body: { a: "1", b: { c: "2" } } });
  expect((await api.post("/echo").invoke("just text")).body).toMatchObject({ body: "just text" });
});

test("multipart gives fields in req.body and files in the contract's shape", async () => {
  echo();
  const payload = multipart("xyz", [
    { name: "title", content: "holiday" },
    { name: "photo", filename: "beach.txt", type: "text/plain", content: "sand and sea" },
  ]);
  const answer = await api.post("/echo").invoke(payload, { headers: { "content-type": "multipart/form-data; boundary=xyz" } });
  expect(answer.status).toBe(200);
  expect(answer.body).toEqual({
    body: { title: "holiday" },
    files: [{ fieldname: "photo", originalname: "beach.txt", encoding: "7bit", mimetype: "text/plain", size: 12, buffer: "sand and sea" }],
  });
});

test("api.upload parses files on POST and PUT", async () => {
  api.upload("/photos", (req, res) => res.json({ method: req.method, count: Array.isArray(req.files) ? req.files.length : 0 }));
  const payload = multipart("b0", [{ name: "f", filename: "a.bin", type: "application/octet-stream", content: "1234" }]);
  const headers = { "content-type": "multipart/form-data; boundary=b0" };
  expect((await api.upload("/photos").invoke(payload, { headers })).body).toEqual({ method: "POST", count: 1 });
  expect((await api.put("/photos").invoke(payload, { headers })).body).toEqual({ method: "PUT", count: 1 });
});

test("a binary body is a Buffer in req.body and one file in req.files", async () => {
  echo();
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]);
  const answer = await api.post("/echo").invoke(png, { headers: { "content-type": "image/png" } });
  expect(answer.body).toMatchObject({
    body: { buffer: png.toString("base64") },
    files: [{ fieldname: "file", mimetype: "image/png", size: 6 }],
  });
});

test("malformed JSON is a 400, not a 500", async () => {
  echo();
  const answer = await api.post("/echo").invoke("{not json", { headers: { "content-type": "application/json" } });
  expect(answer.status).toBe(400);
  expect(answer.body).toMatchObject({ error: "Bad Request" });
});

test("a body over 6 MB is a 413, JSON, binary or multipart", async () => {
  echo();
  const big = Buffer.alloc(MAX_BODY_BYTES + 1, 0x61);
  expect((await api.post("/echo").invoke(big, { headers: { "content-type": "application/json" } })).status).toBe(413);
  expect((await api.post("/echo").invoke(big)).status).toBe(413);
  const payload = multipart("b1", [{ name: "f", filename: "big", content: big.toString("latin1") }]);
  expect((await api.post("/echo").invoke(payload, { headers: { "content-type": "multipart/form-data; boundary=b1" } })).status).toBe(413);
  // Just under the limit passes.
  expect((await api.post("/echo").invoke(Buffer.alloc(1024 * 1024))).status).toBe(200);
});

test("api.setJsonSizeLimit lowers the JSON limit", async () => {
  echo();
  api.setJsonSizeLimit("1kb");
  expect((await api.post("/echo").invoke({ text: "x".repeat(2000) })).status).toBe(413);
  expect((await api.post("/echo").invoke({ text: "x".repeat(100) })).status).toBe(200);
});

test("api.rawBody keeps the exact bytes next to the parsed body (webhook signatures)", async () => {
  api.post("/hook", api.rawBody, (req, res) => res.json({ raw: req.rawBody?.toString("utf8"), parsed: req.body }));
  const text = '{ "b": 1,  "a": 2 }';
  const answer = await api.post("/hook").invoke(text, { headers: { "content-type": "application/json" } });
  expect(answer.body).toEqual({ raw: text, parsed: { b: 1, a: 2 } });
});

test("a GET without a body leaves req.body empty", async () => {
  api.get("/q", (req, res) => res.json({ body: req.body ?? null }));
  expect((await api.get("/q").invoke()).body).toEqual({ body: {} });
});

test("a POST without a body (no length, not chunked) gets req.body {}, no files and an empty raw body; a zero length is a body", async () => {
  api.post("/bare", api.rawBody, (req, res) => res.json({ body: req.body ?? null, files: req.files ?? null, raw: req.rawBody?.length ?? null }));
  expect((await api.post("/bare").invoke()).body).toEqual({ body: {}, files: null, raw: 0 });
  // Framed by Content-Length: the parsers run (an untyped empty body is binary, as before).
  const empty = await api.post("/bare").invoke(undefined, { headers: { "content-length": "0" } });
  expect(empty.body).toEqual({ body: { type: "Buffer", data: [] }, files: null, raw: 0 });
  const json = await api.post("/bare").invoke(undefined, { headers: { "content-length": "0", "content-type": "application/json" } });
  expect(json.body).toEqual({ body: {}, files: null, raw: 0 });
});
