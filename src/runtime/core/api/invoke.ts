/**
 * Requests injected into the app's Express app without a socket: the testing
 * form `api.get(url).invoke(body, { headers })` and the Lambda HTTP adapter
 * both come through here, so both run the app's full middleware chain.
 */
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from "http";
import type { InvokeOptions, InvokeResult } from "../types";
import { expressApp } from "./app";
import { inject, type InjectedRequest, type InjectedResponse } from "./inject";

export type { InjectedRequest, InjectedResponse };

export function injectRequest(request: InjectedRequest): Promise<InjectedResponse> {
  return inject(expressApp(), request);
}

/** `invoke()` on a route handle: an object body is sent as JSON, a string as text, a Buffer as binary. */
export async function invokeApi(method: string, url: string, body?: unknown, options?: InvokeOptions): Promise<InvokeResult> {
  const headers: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(options?.headers ?? {})) headers[name.toLowerCase()] = value;
  let payload: Buffer | string | undefined;
  if (Buffer.isBuffer(body)) {
    payload = body;
    headers["content-type"] ??= "application/octet-stream";
  } else if (typeof body === "string") {
    payload = body;
    headers["content-type"] ??= "text/plain";
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers["content-type"] ??= "application/json";
  }
  const response = await injectRequest({ method, url, headers, payload });
  return { status: response.status, headers: clientHeaders(response.headers), body: decodeBody(response.body, response.headers["content-type"]) };
}

/**
 * Response headers as an HTTP client receives them (Node's `res.headers`):
 * lower-case names, string values (a repeated header joined with ", "),
 * except `set-cookie`, which is always an array, even of one cookie.
 */
export function clientHeaders(headers: OutgoingHttpHeaders): InvokeResult["headers"] {
  const result: InvokeResult["headers"] = {};
  for (const [rawName, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const name = rawName.toLowerCase();
    const values = (Array.isArray(value) ? value : [value]).map(String);
    const previous = result[name];
    if (name === "set-cookie") result[name] = [...(Array.isArray(previous) ? previous : []), ...values];
    else result[name] = typeof previous === "string" ? [previous, ...values].join(", ") : values.join(", ");
  }
  return result;
}

export function isTextType(contentType: string): boolean {
  const type = contentType.split(";")[0].trim().toLowerCase();
  return (
    type.startsWith("text/") ||
    type === "application/json" ||
    type.endsWith("+json") ||
    type.endsWith("+xml") ||
    type === "application/xml" ||
    type === "application/javascript" ||
    type === "application/x-www-form-urlencoded"
  );
}

function decodeBody(body: Buffer, contentType: unknown): unknown {
  const type = typeof contentType === "string" ? contentType : "";
  if (body.length === 0) return "";
  if (/^application\/(.+\+)?json/i.test(type)) {
    const text = body.toString("utf8");
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  if (type === "" || isTextType(type)) return body.toString("utf8");
  return body;
}
