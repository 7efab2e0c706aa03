/**
 * docs/sdk.md, "static": the app's `static/` folder at its URL. The
 * generated app's pages (STATIC_FILES) are what these statements expect.
 */
import { api } from "iac";
import type { Area } from "./types";
import { request, unique } from "./util";

/** The conformance app's `static/` folder (written by the suite's app generator and read by the embedded path). */
export const STATIC_FILES: Record<string, string> = {
  "index.html": "<!doctype html><title>index</title><p>conformance index page</p>\n",
  "page.html": "<!doctype html><title>page</title><p>conformance page</p>\n",
  "docs/intro.html": "<!doctype html><title>intro</title><p>conformance docs intro</p>\n",
  "docs/index.html": "<!doctype html><title>docs</title><p>conformance docs index</p>\n",
  "404.html": "<!doctype html><title>missing</title><p>conformance not found page</p>\n",
  "500.html": "<!doctype html><title>broken</title><p>conformance error page</p>\n",
  "style.css": "p { color: teal }\n",
};

const CDN = "deployed, CloudFront serves static/ from its bucket, not a function (test/synth checks the distribution's behaviours)";

export const staticArea: Area = {
  name: "static",
  statements: [
    {
      id: "static.pages",
      title: "/ serves static/index.html, /page static/page.html, also in sub-folders; other files by their path",
      skip: { aws: CDN },
      async run() {
        const expectPage = async (path: string, file: string) => {
          const res = await request(path);
          expect([path, res.status, res.text]).toEqual([path, 200, STATIC_FILES[file]]);
          expect(res.headers["content-type"]).toMatch(/^text\/html/);
        };
        await expectPage("/", "index.html");
        await expectPage("/page", "page.html");
        await expectPage("/page.html", "page.html");
        await expectPage("/docs/intro", "docs/intro.html");
        await expectPage("/docs/", "docs/index.html");
        const css = await request("/style.css");
        expect([css.status, css.text]).toEqual([200, STATIC_FILES["style.css"]]);
        expect(css.headers["content-type"]).toMatch(/^text\/css/);
      },
    },
    {
      id: "static.error-pages",
      title: "static/404.html and static/500.html replace the error pages for browsers; API clients keep JSON",
      async run() {
        const p = `/c/${unique("err")}`;
        api.get(`${p}/boom`, () => {
          throw new Error("conformance: a handler that fails on purpose");
        });
        const html = { accept: "text/html,application/xhtml+xml" };
        const missing = await request(`${p}/nothing-here`, { headers: html });
        expect([missing.status, missing.text]).toEqual([404, STATIC_FILES["404.html"]]);
        const broken = await request(`${p}/boom`, { headers: html });
        expect([broken.status, broken.text]).toEqual([500, STATIC_FILES["500.html"]]);
        const apiClient = await request(`${p}/boom`, { headers: { accept: "application/json" } });
        expect(apiClient.status).toBe(500);
        expect(apiClient.json()).toMatchObject({ error: "Internal Server Error" });
        const apiMissing = await request(`${p}/nothing-here`, { headers: { accept: "application/json" } });
        expect(apiMissing.status).toBe(404);
        expect(apiMissing.text).not.toContain("conformance not found page");
      },
    },
    {
      id: "static.no-cache",
      title: "sandboxes (iac dev, iac test) send static files with Cache-Control: no-cache",
      skip: { aws: `${CDN}; caching per stage kind is synth's (test/synth)` },
      async run() {
        for (const path of ["/", "/page", "/style.css"]) expect((await request(path)).headers["cache-control"]).toBe("no-cache");
      },
    },
  ],
};
