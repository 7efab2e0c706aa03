/**
 * Multer loads with the first multipart request, not with the first body:
 * a JSON or form POST (and a cold start that serves one) never evaluates
 * multer and busboy. Counted through jest's module factory.
 */
import { api } from "iac";
import { configureRuntime, resetRuntime } from "../../../src/runtime/internal";

let mockMulterLoads = 0;
jest.mock("multer", () => {
  mockMulterLoads += 1;
  return jest.requireActual("multer");
});

beforeEach(() => {
  resetRuntime();
  configureRuntime({ logger: { error: () => undefined } });
});

test("JSON, form and binary bodies are parsed without loading multer; the first multipart request loads it once", async () => {
  api.post("/echo", (req, res) =>
    res.json({ body: Buffer.isBuffer(req.body) ? "buffer" : req.body, files: Array.isArray(req.files) ? req.files.map((f) => f.originalname) : [] }),
  );
  expect((await api.post("/echo").invoke({ a: 1 })).body).toEqual({ body: { a: 1 }, files: [] });
  expect((await api.post("/echo").invoke("a=1", { headers: { "content-type": "application/x-www-form-urlencoded" } })).body).toEqual({
    body: { a: "1" },
    files: [],
  });
  expect((await api.post("/echo").invoke(Buffer.from([1, 2, 3]), { headers: { "content-type": "application/octet-stream" } })).body).toEqual({
    body: "buffer",
    files: [""],
  });
  expect(mockMulterLoads).toBe(0);
  const form = ["--b", 'Content-Disposition: form-data; name="f"; filename="a.txt"', "Content-Type: text/plain", "", "hi", "--b--", ""].join("\r\n");
  for (let i = 0; i < 2; i++) {
    const r = await api.post("/echo").invoke(form, { headers: { "content-type": "multipart/form-data; boundary=b" } });
    expect(r.body).toEqual({ body: {}, files: ["a.txt"] });
  }
  expect(mockMulterLoads).toBe(1);
});
