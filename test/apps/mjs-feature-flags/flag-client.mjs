// Client for a (hypothetical) remote flag service. Created at startup; with
// no API key it serves the local defaults only.
export class FlagClient {
  static async create(apiKey, defaults) {
    const client = new FlagClient(apiKey, defaults);
    await client.refresh();
    return client;
  }

  constructor(apiKey, defaults = {}) {
    this.apiKey = apiKey;
    this.defaults = { ...defaults };
    this.remote = {};
    this.loadedAt = null;
  }

  get mode() {
    return this.apiKey ? "remote" : "local";
  }

  async refresh() {
    // No network in this example: a key only switches the mode.
    this.remote = {};
    this.loadedAt = new Date().toISOString();
  }

  isEnabled(name, overrides = {}) {
    if (name in overrides) return Boolean(overrides[name]);
    if (name in this.remote) return Boolean(this.remote[name]);
    return Boolean(this.defaults[name]);
  }
}
