/** Stable names derived from graph content: function ids, CDK logical-id suffixes. */

/** A lower-case, dash-separated slug, stable for the same input; at most 48 chars plus a short hash when cut. */
export function slugify(text: string): string {
  const slug = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (slug.length <= 48 && slug.length > 0) return slug;
  return `${slug.slice(0, 40).replace(/-+$/, "")}-${shortHash(text)}`;
}

/** FNV-1a, 8 hex digits: stable across platforms and Node versions. */
export function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}
