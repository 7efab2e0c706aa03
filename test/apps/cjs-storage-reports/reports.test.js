const { api, storage, data } = require("@serverless/cloud");
const { toCsv } = require("./lib/csv");

jest.setTimeout(20000);

test("toCsv quotes what needs quoting", () => {
  expect(toCsv([{ a: 1, b: "x,y" }, { a: 2, b: 'say "hi"' }])).toBe('a,b\n1,"x,y"\n2,"say ""hi"""\n');
  expect(toCsv([])).toBe("");
});

describe("reports", () => {
  beforeAll(async () => {
    await api.post("/sales").invoke({ product: "apple", amount: 3, day: "2024-02-01" });
    await api.post("/sales").invoke({ product: "pear", amount: 5, day: "2024-02-01" });
    await api.post("/sales").invoke({ product: "plum", amount: 1, day: "2024-02-02" });
  });

  test("a report is written to storage and served back", async () => {
    const built = await api.post("/reports/2024-02-01").invoke();
    expect(built.body).toEqual({ path: "reports/2024-02-01.csv", rows: 2 });
    const csv = (await storage.readBuffer("reports/2024-02-01.csv")).toString();
    expect(csv.split("\n")[0]).toBe("id,product,amount");
    const { status, body, headers } = await api.get("/reports/2024-02-01").invoke();
    expect(status).toBe(200);
    expect(headers["content-type"]).toMatch(/^text\/csv/);
    expect(body).toContain("apple");
  });

  test("the signed link downloads the same CSV", async () => {
    const { body } = await api.get("/reports/2024-02-01/link").invoke();
    const res = await fetch(body.url);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("pear");
  });

  test("the storage listener records metadata", async () => {
    let meta;
    for (let i = 0; i < 50 && !meta; i++) {
      meta = await data.get("report:2024-02-01");
      if (!meta) await new Promise((r) => setTimeout(r, 100));
    }
    expect(meta).toMatchObject({ path: "reports/2024-02-01.csv", rows: 2 });
  });

  test("missing reports are 404", async () => {
    expect((await api.get("/reports/1999-01-01").invoke()).status).toBe(404);
    expect((await api.get("/reports/1999-01-01/link").invoke()).status).toBe(404);
  });
});
