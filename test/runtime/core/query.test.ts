/**
 * query.ts against qs: for every query string, `parseQuery` gives what
 * Express's default query parser (`qs.parse(str, { allowPrototypes: true })`)
 * gives, and the flat path answers only strings it parses exactly as qs.
 */
import * as qs from "qs";
import { flatQuery, parseQuery } from "../../../src/runtime/core/api/query";

const expressParse = (str: string) => qs.parse(str, { allowPrototypes: true });

/** A small deterministic generator (mulberry32), so a failure names a string that fails again. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  "a",
  "b",
  "status",
  "all",
  "=",
  "&",
  "+",
  "%20",
  "%2",
  "%zz",
  "%E2%9C%93",
  "%C3",
  "é",
  "[",
  "]",
  "%5B",
  "%5d",
  "[]",
  "toString",
  "__proto__",
  "constructor",
  "0",
  "1",
  ".",
  "x.y",
  "",
  "=&",
  "&&",
  "%26",
  "%3D",
  "hasOwnProperty",
];

function generated(count: number, seed: number): string[] {
  const next = random(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const length = 1 + Math.floor(next() * 8);
    let s = "";
    for (let j = 0; j < length; j++) s += PIECES[Math.floor(next() * PIECES.length)];
    out.push(s);
  }
  return out;
}

test("parseQuery gives what qs gives, on 5,000 generated query strings", () => {
  let flat = 0;
  for (const str of generated(5_000, 7)) {
    const ours = parseQuery(str);
    expect([str, ours]).toEqual([str, expressParse(str)]);
    expect([str, Object.getPrototypeOf(ours)]).toEqual([str, Object.prototype]);
    if (flatQuery(str) !== undefined) flat++;
  }
  // The flat path is the common one, not a corner: most generated strings without brackets take it.
  expect(flat).toBeGreaterThan(500);
});

test("ordinary query strings take the flat path; brackets, repeats and prototype names go to qs", () => {
  expect(flatQuery("status=all&page=2")).toEqual({ status: "all", page: "2" });
  expect(flatQuery("q=a+b%20c&empty&=dropped")).toEqual({ q: "a b c", empty: "" });
  expect(flatQuery("bad=%E0%A4%A")).toEqual({ bad: "%E0%A4%A" });
  for (const str of ["a[b]=1", "a%5Bb%5D=1", "tag=a&tag=b", "toString=1", "__proto__=x", "a[]=1"]) expect(flatQuery(str)).toBeUndefined();
  expect(parseQuery("tag=a&tag=b")).toEqual({ tag: ["a", "b"] });
  expect(parseQuery("a[b]=1")).toEqual({ a: { b: "1" } });
  expect(parseQuery(undefined)).toEqual({});
  expect(parseQuery(null)).toEqual({});
});

test("more parts than qs reads go to qs, which drops the rest", () => {
  const many = Array.from({ length: 1001 }, (_, i) => `k${i}=${i}`).join("&");
  expect(flatQuery(many)).toBeUndefined();
  expect(Object.keys(parseQuery(many))).toHaveLength(1000);
});
