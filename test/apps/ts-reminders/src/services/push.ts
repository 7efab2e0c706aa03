export interface PushResult {
  delivered: boolean;
  reason?: string;
}

/** Push provider client; a missing token means "log only". */
export class PushClient {
  readonly configured: boolean;

  constructor(private readonly token: string | undefined) {
    this.configured = typeof token === "string" && token.length > 0;
  }

  async send(to: string, text: string): Promise<PushResult> {
    if (!this.configured) {
      console.log(`[push disabled] to=${to}: ${text}`);
      return { delivered: false, reason: "PUSH_TOKEN not set" };
    }
    // A real provider call would go here; keep the example offline.
    return { delivered: true };
  }
}
