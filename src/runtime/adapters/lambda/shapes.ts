/**
 * The Lambda events the runtime answers, recognised by content (see
 * ARCHITECTURE.md, "Dispatch by content, not by order"). Only the fields the
 * runtime reads are typed; the guards check them, so nothing downstream
 * trusts an unchecked shape.
 */

export interface HttpApiEvent {
  version: "2.0";
  rawPath: string;
  rawQueryString?: string;
  cookies?: string[];
  headers?: Record<string, string | undefined>;
  body?: string;
  isBase64Encoded?: boolean;
  requestContext: { http: { method: string; sourceIp?: string } };
}

export interface HttpApiResult {
  statusCode: number;
  headers: Record<string, string>;
  cookies?: string[];
  body: string;
  isBase64Encoded: boolean;
}

/** The input synth gives each schedule rule. */
export interface ScheduleInvocation {
  iac: "schedule";
  expression: string;
}

export interface BusEvent {
  source: string;
  "detail-type": string;
  detail: { id: string; body?: unknown; time: string; delay?: number };
}

export interface RecordsEvent {
  Records: Record<string, unknown>[];
}

export type LambdaEvent =
  | { kind: "http"; event: HttpApiEvent }
  | { kind: "schedule"; event: ScheduleInvocation }
  | { kind: "event"; event: BusEvent }
  | { kind: "dynamodb"; event: RecordsEvent }
  | { kind: "s3"; event: RecordsEvent };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isHttpApiEvent(e: Record<string, unknown>): e is Record<string, unknown> & HttpApiEvent {
  const context = e.requestContext;
  return e.version === "2.0" && typeof e.rawPath === "string" && isRecord(context) && isRecord(context.http) && typeof context.http.method === "string";
}

function isScheduleInvocation(e: Record<string, unknown>): e is Record<string, unknown> & ScheduleInvocation {
  return e.iac === "schedule" && typeof e.expression === "string";
}

function isBusEvent(e: Record<string, unknown>): e is Record<string, unknown> & BusEvent {
  const detail = e.detail;
  return (
    typeof e.source === "string" && typeof e["detail-type"] === "string" && isRecord(detail) && typeof detail.id === "string" && typeof detail.time === "string"
  );
}

function recordsFrom(e: Record<string, unknown>, source: string): RecordsEvent | undefined {
  const records = e.Records;
  if (!Array.isArray(records) || records.length === 0) return undefined;
  const typed = records.filter(isRecord);
  // S3 says `eventSource`, DynamoDB too; SNS/SQS would say otherwise and are not ours.
  if (typed.length !== records.length || !typed.every((r) => r.eventSource === source)) return undefined;
  return { Records: typed };
}

/** What this invocation is for, or undefined when the runtime does not handle it. */
export function classifyEvent(event: unknown): LambdaEvent | undefined {
  if (!isRecord(event)) return undefined;
  if (isHttpApiEvent(event)) return { kind: "http", event };
  if (isScheduleInvocation(event)) return { kind: "schedule", event };
  if (isBusEvent(event)) return { kind: "event", event };
  const dynamo = recordsFrom(event, "aws:dynamodb");
  if (dynamo) return { kind: "dynamodb", event: dynamo };
  const s3 = recordsFrom(event, "aws:s3");
  if (s3) return { kind: "s3", event: s3 };
  return undefined;
}
