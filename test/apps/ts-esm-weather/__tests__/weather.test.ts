import { api, data } from "@serverless/cloud";
import { WeatherClient } from "@/clients/weather";

test("the client refuses to work before connect()", async () => {
  await expect(new WeatherClient().forecast("oslo")).rejects.toThrowError(/connect/);
});

test("first request misses, second hits the cache", async () => {
  const first = await api.get("/forecast/Oslo").invoke();
  expect(first.status).toBe(200);
  expect(first.headers["x-cache"]).toBe("miss");
  expect(first.body).toMatchObject({ city: "oslo", source: "stub" });

  const second = await api.get("/forecast/oslo").invoke();
  expect(second.headers["x-cache"]).toBe("hit");
  expect(await data.get("forecast:oslo")).toEqual(first.body);
});

test("health shows the key is not set in tests", async () => {
  expect((await api.get("/healthz").invoke()).body).toEqual({ ok: true, keyConfigured: false });
});
