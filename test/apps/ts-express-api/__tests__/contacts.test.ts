import type { AddressInfo } from "net";
import type { Server } from "http";
import { describe, beforeAll, afterAll, it, expect } from "@jest/globals";
import app from "../index";
import { validate } from "@lib/contacts";

let server: Server;
let url: string;

beforeAll((done) => {
  server = app.listen(0, () => {
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    done();
  });
});
afterAll((done) => {
  server.close(done);
});

describe("contacts", () => {
  it("validates", () => {
    expect(validate({ name: "x" })).toBe("a valid email is required");
    expect(validate({ name: "x", email: "x@y.io" })).toBeNull();
  });

  it("upserts and reads", async () => {
    const put = await fetch(`${url}/api/contacts/42`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Ida", email: "ida@example.com", company: "Initech" }),
    });
    expect(put.status).toBe(200);
    expect(put.headers.get("x-powered-by")).toBeNull();
    const got = await (await fetch(`${url}/api/contacts/42`)).json();
    expect(got).toEqual({ id: "42", name: "Ida", email: "ida@example.com", company: "Initech" });
    const list = await (await fetch(`${url}/api/contacts?company=initech`)).json();
    expect(list).toHaveLength(1);
  });

  it("rejects bad input", async () => {
    const res = await fetch(`${url}/api/contacts/43`, { method: "PUT", headers: { "content-type": "application/json" }, body: "{}" });
    expect(res.status).toBe(422);
  });
});
