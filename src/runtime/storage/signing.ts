/**
 * Signed URLs for the local files backend, which the local instance serves.
 * A URL names one method, one path and an expiry (epoch seconds), bound
 * together by an HMAC-SHA256 under a per-instance secret; verification is
 * constant-time and rejects expired, altered or wrong-method requests.
 */
import { createHmac, timingSafeEqual } from "crypto";

export type SignedMethod = "GET" | "PUT";

function signature(secret: string, method: SignedMethod, path: string, expires: number): string {
  return createHmac("sha256", secret).update(`${method}\n${path}\n${expires}`).digest("base64url");
}

/** `baseUrl/<encoded path>?expires=..&method=..&signature=..`. */
export function signStorageUrl(secret: string, baseUrl: string, method: SignedMethod, path: string, seconds: number, now = Date.now()): string {
  const expires = Math.floor(now / 1000) + Math.max(1, Math.floor(seconds));
  const encoded = path.split("/").map(encodeURIComponent).join("/");
  const query = new URLSearchParams({ expires: String(expires), method, signature: signature(secret, method, path, expires) });
  return `${baseUrl.replace(/\/+$/, "")}/${encoded}?${query.toString()}`;
}

export type Verification = { ok: true; path: string } | { ok: false; status: 403 | 404; reason: string };

/** Checks a request URL (path and query, as `req.url` gives it) against the mount path `basePath`. */
export function verifyStorageUrl(secret: string, basePath: string, method: string, requestUrl: string, now = Date.now()): Verification {
  const url = new URL(requestUrl, "http://local");
  const base = basePath.replace(/\/+$/, "");
  if (!url.pathname.startsWith(`${base}/`)) return { ok: false, status: 404, reason: "not a storage URL" };
  let path: string;
  try {
    path = url.pathname
      .slice(base.length + 1)
      .split("/")
      .map(decodeURIComponent)
      .join("/");
  } catch {
    return { ok: false, status: 403, reason: "malformed path" };
  }
  const expires = Number(url.searchParams.get("expires"));
  const signed = url.searchParams.get("method");
  const given = url.searchParams.get("signature") ?? "";
  const wanted = method === "HEAD" ? "GET" : method;
  if (signed !== "GET" && signed !== "PUT") return { ok: false, status: 403, reason: "missing method" };
  if (signed !== wanted) return { ok: false, status: 403, reason: `URL signed for ${signed}, used with ${method}` };
  if (!Number.isInteger(expires) || expires * 1000 < now) return { ok: false, status: 403, reason: "URL expired" };
  const expected = Buffer.from(signature(secret, signed, path, expires));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return { ok: false, status: 403, reason: "bad signature" };
  return { ok: true, path };
}
