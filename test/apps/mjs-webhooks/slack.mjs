// Minimal Slack incoming-webhook client. Without a URL it only counts what it
// would have sent (handy in sandboxes where the param isn't set).
export class SlackClient {
  constructor(webhookUrl, fetchImpl = globalThis.fetch) {
    this.webhookUrl = webhookUrl;
    this.fetch = fetchImpl;
    this.skipped = 0;
  }

  get enabled() {
    return typeof this.webhookUrl === "string" && this.webhookUrl.startsWith("https://");
  }

  async post(text) {
    if (!this.enabled) {
      this.skipped += 1;
      return { ok: false, skipped: true };
    }
    const res = await this.fetch(this.webhookUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text }),
    });
    return { ok: res.ok, skipped: false };
  }
}
