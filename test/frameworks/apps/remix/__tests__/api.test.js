import { expect, test } from "@jest/globals";
import { api, data } from "@serverless/cloud";
import "../index.js";

test("the greeting round-trips through the SDK's API", async () => {
  const put = await api.put("/api/greeting").invoke({ text: "hello" });
  expect(put.status).toBe(200);
  const got = await api.get("/api/greeting").invoke();
  expect(got.body).toEqual({ greeting: "hello" });
  expect(await data.get("greeting:home")).toEqual({ text: "hello" });
});
