/**
 * Stand-ins for the AWS endpoints a deployed function may call and that are
 * unreachable from here: EventBridge (`PutEvents`, JSON 1.1) and EventBridge
 * Scheduler (`CreateSchedule`, REST JSON). They answer as the services do
 * and record what reached them; nothing is delivered. DynamoDB and S3 are
 * the real protocol servers (dynalite, s3rver), SSM is test/deploy's stand-in.
 */
import * as http from "http";
import type { AddressInfo } from "net";

export interface EventsStandIn {
  eventBridgeEndpoint: string;
  schedulerEndpoint: string;
  /** PutEvents entries and CreateSchedule bodies, in arrival order. */
  received: { service: "events" | "scheduler"; body: Record<string, unknown> }[];
  close(): Promise<void>;
}

function listen(
  handler: (target: string, url: string, body: Record<string, unknown>) => { status: number; json: unknown },
): Promise<{ server: http.Server; endpoint: string }> {
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c: Buffer) => (raw += c.toString("utf8")));
    req.on("end", () => {
      let body: Record<string, unknown> = {};
      try {
        const parsed: unknown = raw ? JSON.parse(raw) : {};
        if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
      } catch {
        // An unparsable body gets the service's own validation answer below.
      }
      const answer = handler(String(req.headers["x-amz-target"] ?? ""), req.url ?? "/", body);
      res.writeHead(answer.status, { "content-type": "application/x-amz-json-1.1" });
      res.end(JSON.stringify(answer.json));
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({ server, endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })),
  );
}

export async function startEventsStandIn(): Promise<EventsStandIn> {
  const received: EventsStandIn["received"] = [];
  let ids = 0;
  const events = await listen((target, _url, body) => {
    if (target !== "AWSEvents.PutEvents") return { status: 400, json: { __type: "UnknownOperationException" } };
    const entries = Array.isArray(body.Entries) ? body.Entries : [];
    for (const e of entries) received.push({ service: "events", body: Object(e) });
    return { status: 200, json: { FailedEntryCount: 0, Entries: entries.map(() => ({ EventId: `evt-${++ids}` })) } };
  });
  const scheduler = await listen((_target, url, body) => {
    const name = /^\/schedules\/([^/?]+)/.exec(url)?.[1];
    if (!name) return { status: 404, json: { message: "unknown route" } };
    received.push({ service: "scheduler", body: { Name: decodeURIComponent(name), ...body } });
    return { status: 200, json: { ScheduleArn: `arn:aws:scheduler:eu-west-1:123456789012:schedule/default/${name}` } };
  });
  return {
    eventBridgeEndpoint: events.endpoint,
    schedulerEndpoint: scheduler.endpoint,
    received,
    async close() {
      await Promise.all([events.server, scheduler.server].map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    },
  };
}
