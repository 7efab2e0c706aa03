const { api, data, schedule } = require("@serverless/cloud");
const { rollup, nightlyReset } = require("./index");

describe("counters", () => {
  let log;
  beforeEach(() => {
    log = jest.spyOn(console, "log").mockImplementation(() => {});
  });
  afterEach(() => log.mockRestore());

  test("hits are counted", async () => {
    await api.post("/hit/home").invoke();
    await api.post("/hit/home").invoke();
    const { body } = await api.post("/hit/pricing").invoke();
    expect(body).toEqual({ page: "pricing", views: 1 });
    expect((await api.get("/stats/home").invoke()).body.views).toBe(2);
  });

  test("the 5 minute rollup sums every page", async () => {
    await rollup.invoke();
    expect(log).toBeCalledWith("rollup done", 3);
    const { body } = await api.get("/rollup").invoke();
    expect(body).toMatchObject({ pages: { home: 2, pricing: 1 }, total: 3 });
  });

  test("schedule.every(...).invoke() runs the same thing", async () => {
    await api.post("/hit/docs").invoke();
    await schedule.every("5 minutes").invoke();
    expect(log).toBeCalledTimes(1);
    expect(log).lastCalledWith("rollup done", 4);
  });

  test("nightly reset zeroes counters", async () => {
    await nightlyReset.invoke();
    expect(log).toBeCalledWith("reset", 3);
    expect(await data.get("views:home")).toBe(0);
  });
});
