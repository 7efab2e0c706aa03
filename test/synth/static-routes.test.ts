import * as vm from "vm";
import { MAX_STATIC_BEHAVIORS, planStaticBehaviors, rewriteFunctionCode } from "../../src/synth/static-routes";
import { loadGraph, synthGraph } from "./helpers";

const file = (p: string) => ({ path: p, size: 1, sha256: "0".repeat(64) });

test("behaviours: exact top-level files, /page for pages, one per folder; never /public, /404, /500", () => {
  const files = ["index.html", "about.html", "404.html", "500.html", "favicon.ico", "docs/a.html", "docs/b/c.html", "public/x.png"].map(file);
  expect(planStaticBehaviors(files)).toEqual([
    { pattern: "/404.html", rewrite: false },
    { pattern: "/500.html", rewrite: false },
    { pattern: "/about", rewrite: true },
    { pattern: "/about.html", rewrite: false },
    { pattern: "/docs/*", rewrite: true },
    { pattern: "/favicon.ico", rewrite: false },
    { pattern: "/index.html", rewrite: false },
  ]);
});

test("the rewrite function maps pages and folder indexes that exist, and nothing else", () => {
  const code = rewriteFunctionCode(["about.html", "docs/index.html", "docs/guide.html", "assets/LICENSE"].map(file));
  const sandbox: { handler?: (e: unknown) => { uri: string } } = {};
  vm.runInNewContext(`${code}\nthis.handler = handler;`, sandbox);
  const run = (uri: string): string => {
    if (!sandbox.handler) throw new Error("no handler");
    return sandbox.handler({ request: { uri } }).uri;
  };
  expect(run("/about")).toBe("/about.html");
  expect(run("/docs/")).toBe("/docs/index.html");
  expect(run("/docs/guide")).toBe("/docs/guide.html");
  expect(run("/assets/LICENSE")).toBe("/assets/LICENSE");
  expect(run("/missing")).toBe("/missing");
  expect(run("/about.html")).toBe("/about.html");
});

test("more top-level static entries than CloudFront allows next to the API is a located error", async () => {
  const graph = loadGraph("todo");
  const statics = graph.resources.find((r) => r.kind === "static");
  if (!statics || statics.kind !== "static") throw new Error("fixture has no static");
  statics.files = Array.from({ length: MAX_STATIC_BEHAVIORS + 1 }, (_, i) => file(`f${String(i).padStart(2, "0")}.js`));
  await expect(synthGraph(graph)).rejects.toThrow(/IAC7004.*static\/index.html/);
});
