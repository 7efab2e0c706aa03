import cloud from "@serverless/cloud";
import type { Forecast } from "@/clients/weather";

const TTL_SECONDS = 15 * 60;

export async function cached(city: string): Promise<Forecast | undefined> {
  return (await cloud.data.get(`forecast:${city}`)) as Forecast | undefined;
}

export async function remember(forecast: Forecast): Promise<Forecast> {
  await cloud.data.set(`forecast:${forecast.city}`, forecast, { ttl: TTL_SECONDS });
  return forecast;
}
