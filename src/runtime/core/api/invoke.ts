/**
 * Requests injected into the app's Express app without a socket: the testing
 * form `api.get(url).invoke(body, { headers })` and the Lambda HTTP adapter
 * both come through here, so both run the app's full middleware chain.
 */
import type { IncomingHttpHeaders } from "http";
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
  const resultHeaders: InvokeResult["headers"] = {};
  for (const [name, value] of Object.entries(response.headers)) {
    resultHeaders[name] = typeof value === "number" ? String(value) : value;
  }
  return { status: response.status, headers: resultHeaders, body: decodeBody(response.body, response.headers["content-type"]) };
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
