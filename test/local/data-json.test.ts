import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseDataJson } from "../../src/local/data-json";
import { readSeedFile } from "../../src/runtime/data/api";
import { checkSeedDocument } from "../../src/runtime/data/seed-format";

describe("data.json: one schema, errors located by path and, for text, line", () => {
  test("an array or { items } of { key, value, label?, ttl? } is read as written, other fields kept", () => {
    const items = [{ key: "todo:1", value: { done: false }, label1: "open:1", ttl: 60, note: "kept" }];
    expect(parseDataJson(JSON.stringify(items), "data.json")).toEqual(items);
    expect(parseDataJson(JSON.stringify({ items }), "data.json")).toEqual(items);
    expect(parseDataJson('[{ "key": "a", "value": null, "ttl": "2030-01-01T00:00:00Z" }]', "data.json")).toEqual([
      { key: "a", value: null, ttl: "2030-01-01T00:00:00Z" },
    ]);
  });

  test.each([
    ["a key that is not a string", '[\n  { "key": "a", "value": 1 },\n  { "key": 7, "value": 2 }\n]', "data.json:3:12: [1].key: expected a string, got 7"],
    ["a missing value points at its item", '[\n  { "key": "a", "value": 1 },\n  { "key": "b" }\n]', 'data.json:3:3: [1].value: the item has no "value"'],
    ["an item that is not an object", '{ "items": [\n  5\n] }', "data.json:2:3: items[0]: an item is an object { key, value }, got 5"],
    ["a label that is not a string", '[{ "key": "a", "value": 1, "label2": true }]', "data.json:1:38: [0].label2: expected a string, got true"],
    [
      "a ttl that is neither a number nor a date",
      '[{ "key": "a", "value": 1, "ttl": [] }]',
      "data.json:1:35: [0].ttl: expected a number or a date string, got Array",
    ],
    ["no array at all", '{ "rows": [] }', "data.json:1:1: items: expected an array of { key, value } items (or { items: [...] })"],
    [
      "a syntax error, with where",
      '[\n  { "key": "a", "value": 1 },\n  { "key": "b", }\n]',
      "data.json:3:17 is not valid JSON (Expected double-quoted property name in JSON at position 48)",
    ],
    ["input that ends too soon", '[{ "key": "a:1", "value": 1 },', "data.json:1:31 is not valid JSON (Unexpected end of JSON input)"],
  ])("%s", (_name, text, message) => {
    expect(() => parseDataJson(text, "data.json")).toThrow(message);
  });

  test("the runtime's data.seed(file) reads with the same schema and names the path", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iac-seed-"));
    try {
      const file = path.join(dir, "data.json");
      fs.writeFileSync(
        file,
        JSON.stringify([
          { key: "a", value: 1 },
          { key: ["b"], value: 2 },
        ]),
      );
      expect(() => readSeedFile(file)).toThrow(`${file}: [1].key: expected a string, got Array`);
      fs.writeFileSync(file, JSON.stringify({ items: [{ key: "a", value: 1 }] }));
      expect(readSeedFile(file)).toEqual([{ key: "a", value: 1 }]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a document without an item list names where the list should be", () => {
    expect(checkSeedDocument({ items: null })).toMatchObject({ ok: false, path: ["items"] });
    expect(checkSeedDocument(null)).toMatchObject({ ok: false, path: [] });
  });
});
