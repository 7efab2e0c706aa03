/**
 * Which URL paths CloudFront sends to the static bucket, planned from the
 * graph's `static/` file list (pure, so it is tested without CDK).
 *
 * Everything not listed here goes to the API (the default behaviour), as the
 * contract wants: `/` → index.html (the distribution's default root object),
 * `/page` → page.html, a top-level folder `static/docs/` → `/docs/*`, every
 * top-level file by its exact path (so `/404.html` and `/500.html` are always
 * reachable). `/public/*` belongs to storage and is never a static path.
 */
import type { StaticFile } from "../graph";

export interface StaticBehavior {
  /** CloudFront path pattern. */
  pattern: string;
  /** Whether the URL rewrite function (`/page` → `/page.html`) runs on it. */
  rewrite: boolean;
}

/** CloudFront's default quota is 25 cache behaviours; `/public/*` may need one. */
export const MAX_STATIC_BEHAVIORS = 24;

/** Top-level HTML files that are not pages of their own: `/` and the error pages (`/404` stays the API's). */
const NOT_PAGES = new Set(["index.html", "404.html", "500.html"]);

export function planStaticBehaviors(files: readonly StaticFile[]): StaticBehavior[] {
  const byPattern = new Map<string, StaticBehavior>();
  const add = (pattern: string, rewrite: boolean): void => {
    const seen = byPattern.get(pattern);
    byPattern.set(pattern, { pattern, rewrite: rewrite || (seen?.rewrite ?? false) });
  };
  for (const file of files) {
    const slash = file.path.indexOf("/");
    if (slash >= 0) {
      const dir = file.path.slice(0, slash);
      if (dir !== "public") add(`/${dir}/*`, true);
      continue;
    }
    add(`/${file.path}`, false);
    if (file.path.endsWith(".html") && !NOT_PAGES.has(file.path)) add(`/${file.path.slice(0, -".html".length)}`, true);
  }
  return [...byPattern.values()].sort((a, b) => (a.pattern < b.pattern ? -1 : a.pattern > b.pattern ? 1 : 0));
}

/**
 * The CloudFront Function (viewer request) that maps `/page` to `/page.html`
 * and `/dir/` to `/dir/index.html`, only for HTML files that exist, so an
 * extension-less asset is never rewritten. The list is embedded in the code
 * (sorted: same files, same function); past CloudFront Functions' 10 KB code
 * limit it falls back to a rule on the last path segment.
 */
export function rewriteFunctionCode(files: readonly StaticFile[]): string {
  const html = files
    .map((f) => `/${f.path}`)
    .filter((p) => p.endsWith(".html"))
    .sort();
  const known = JSON.stringify(Object.fromEntries(html.map((p) => [p, 1])));
  const exists = known.length <= 8000 ? `var known = ${known};\nfunction exists(p) { return known[p] === 1; }` : "function exists(p) { return true; }";
  return [
    exists,
    "function handler(event) {",
    "  var r = event.request;",
    "  var uri = r.uri;",
    "  if (uri.endsWith('/')) { if (exists(uri + 'index.html')) r.uri = uri + 'index.html'; return r; }",
    "  if (uri.lastIndexOf('.') < uri.lastIndexOf('/') && exists(uri + '.html')) r.uri = uri + '.html';",
    "  return r;",
    "}",
    "",
  ].join("\n");
}
