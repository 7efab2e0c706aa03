/**
 * A value as a short JSON-like string for a trace: arguments and results of
 * SDK calls. The walk stops once `max` characters are written, so a large
 * value (10,000 items, a file's bytes) costs no more than a small one.
 * Buffers, streams and functions are named, not read.
 */
export function preview(value: unknown, max: number): string {
  const out: string[] = [];
  let length = 0;
  let full = false;
  const put = (text: string): void => {
    if (full) return;
    if (length + text.length > max) {
      out.push(text.slice(0, Math.max(0, max - length)), "…");
      full = true;
      return;
    }
    out.push(text);
    length += text.length;
  };
  const seen = new Set<object>();
  const walk = (v: unknown, depth: number): void => {
    if (full) return;
    if (v === undefined) return put("undefined");
    if (v === null || typeof v === "number" || typeof v === "boolean") return put(String(v));
    if (typeof v === "string") return put(JSON.stringify(v.length > max ? v.slice(0, max) : v));
    if (typeof v === "bigint") return put(`${v}n`);
    if (typeof v === "function") return put("ƒ");
    if (typeof v !== "object") return put(String(v));
    if (Buffer.isBuffer(v) || v instanceof Uint8Array) return put(`<${v.byteLength} bytes>`);
    if (v instanceof Date) return put(JSON.stringify(v.toISOString()));
    if (v instanceof Error) return put(`${v.name}: ${v.message}`);
    if (seen.has(v) || depth > 6) return put("…");
    if ("pipe" in v && typeof v.pipe === "function") return put("<stream>");
    seen.add(v);
    if (Array.isArray(v)) {
      put("[");
      v.forEach((item: unknown, i) => {
        if (i > 0) put(",");
        walk(item, depth + 1);
      });
      put("]");
    } else {
      put("{");
      let first = true;
      for (const [key, item] of Object.entries(v)) {
        if (typeof item === "function" || item === undefined) continue;
        if (!first) put(",");
        first = false;
        put(`${JSON.stringify(key)}:`);
        walk(item, depth + 1);
        if (full) break;
      }
      put("}");
    }
    seen.delete(v);
  };
  walk(value, 0);
  return out.join("");
}
