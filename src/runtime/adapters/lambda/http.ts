/**
 * API Gateway HTTP API (payload format 2.0) in and out. The request is
 * rebuilt for Node (cookies back into one `Cookie` header, the body decoded
 * from base64 when API Gateway encoded it) and injected into the app's
 * Express app; the response goes back with `Set-Cookie` values in
 * `cookies` (format 2.0 has no multi-value headers), other repeated headers
 * joined with commas, and binary (or content-encoded) bodies base64-encoded.
 *
 * Only requests that came through the app's CloudFront distribution reach
 * the app: CloudFront adds `x-iac-origin-verify` with a value only the
 * stack knows (synth's http.ts; the function gets it as
 * `IAC_ORIGIN_VERIFY`). Anything else, a call straight to the execute-api
 * endpoint, is answered 403 before the app runs; the header never reaches
 * the app, so it cannot leak the value. Without `IAC_ORIGIN_VERIFY` (a
 * stack built before it existed) nothing is checked. A checked request's
 * `Host` is the viewer's (`x-iac-viewer-host`, which the distribution's
 * function sets to the same secret and the Host): the app sees its own
 * domain, not API Gateway's.
 */
import { createHash, timingSafeEqual } from "crypto";
import type { IncomingHttpHeaders } from "http";
import { injectRequest, isTextType } from "../../core/api/invoke";
import { logError } from "../../core/config";
import type { HttpApiEvent, HttpApiResult } from "./shapes";

/** The header CloudFront adds to every request it sends to the API (ARCHITECTURE.md "Environment": `IAC_ORIGIN_VERIFY`). */
export const ORIGIN_VERIFY_HEADER = "x-iac-origin-verify";

/** `<origin secret> <viewer's Host>`, set by the distribution's viewer-request function (synth's http.ts). */
export const VIEWER_HOST_HEADER = "x-iac-viewer-host";

export async function handleHttpEvent(event: HttpApiEvent): Promise<HttpApiResult> {
  const headers: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    if (value !== undefined) headers[name.toLowerCase()] = value;
  }
  const proof = headers[ORIGIN_VERIFY_HEADER];
  delete headers[ORIGIN_VERIFY_HEADER];
  const viewerHost = headers[VIEWER_HOST_HEADER];
  delete headers[VIEWER_HOST_HEADER];
  const expected = process.env.IAC_ORIGIN_VERIFY;
  if (expected && !(typeof proof === "string" && sameSecret(proof, expected))) {
    return { statusCode: 403, headers: { "content-type": "application/json" }, body: JSON.stringify({ error: "Forbidden" }), isBase64Encoded: false };
  }
  // The app's own domain as Host, as a server behind it would see (a framework compares it with a form's Origin):
  // only what CloudFront's function wrote, which starts with the secret a viewer cannot know.
  const host = expected && typeof viewerHost === "string" ? viewerHostOf(viewerHost, expected) : undefined;
  if (host) headers.host = host;
  if (event.cookies && event.cookies.length > 0) headers.cookie = event.cookies.join("; ");
  const payload = event.body === undefined || event.body === null ? undefined : Buffer.from(event.body, event.isBase64Encoded ? "base64" : "utf8");
  if (payload) {
    // The body is whole and decoded now: its length is the truth, whatever the client declared.
    headers["content-length"] = String(payload.length);
    delete headers["transfer-encoding"];
  }
  const query = event.rawQueryString ? `?${event.rawQueryString}` : "";
  try {
    const response = await injectRequest({
      method: event.requestContext.http.method,
      url: `${event.rawPath}${query}`,
      headers,
      payload,
      remoteAddress: event.requestContext.http.sourceIp,
    });
    return toResult(response.status, response.headers, response.body);
  } catch (error) {
    // Express answers handler errors itself; reaching here is a runtime bug. Answer, don't crash.
    logError(`${event.requestContext.http.method} ${event.rawPath} failed in the runtime`, error);
    return {
      statusCode: 500,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ error: "Internal Server Error" }),
      isBase64Encoded: false,
    };
  }
}

/** The Host in `<secret> <host>` when the secret is `expected` (compared in constant time); else undefined. */
function viewerHostOf(value: string, expected: string): string | undefined {
  const space = value.indexOf(" ");
  if (space < 0 || !sameSecret(value.slice(0, space), expected)) return undefined;
  const host = value.slice(space + 1).trim();
  return host === "" ? undefined : host;
}

/** Compares in constant time (over fixed-length digests, so the length does not leak either). */
function sameSecret(given: string, expected: string): boolean {
  const digest = (v: string): Buffer => createHash("sha256").update(v).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function toResult(status: number, outgoing: Record<string, string | string[] | number | undefined>, body: Buffer): HttpApiResult {
  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  for (const [name, value] of Object.entries(outgoing)) {
    if (value === undefined) continue;
    if (name.toLowerCase() === "set-cookie") {
      cookies = Array.isArray(value) ? value : [String(value)];
      continue;
    }
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : String(value);
  }
  const type = headers["content-type"] ?? "";
  // A compressed body (Next.js compresses, as does Express's compression) is bytes whatever its type.
  const encoded = (headers["content-encoding"] ?? "identity") !== "identity";
  const text = body.length === 0 || (!encoded && type !== "" && isTextType(type));
  return {
    statusCode: status,
    headers,
    ...(cookies ? { cookies } : {}),
    body: text ? body.toString("utf8") : body.toString("base64"),
    isBase64Encoded: !text,
  };
}
