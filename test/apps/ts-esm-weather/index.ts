import cloud from "@serverless/cloud";
import { WeatherClient } from "@/clients/weather";
import { cached, remember } from "@/cache";

const { api, params } = cloud;

// Connected once per cold start.
export const weather = await new WeatherClient(params.WEATHER_API_KEY).connect();

api.get("/forecast/:city", async (req, res) => {
  const city = req.params.city.toLowerCase();
  const hit = await cached(city);
  res.set("x-cache", hit ? "hit" : "miss");
  res.json(hit ?? (await remember(await weather.forecast(city))));
});

api.get("/healthz", (_req, res) => {
  res.json({ ok: true, keyConfigured: weather.hasKey });
});

export default api;
