/** The hooks the dashboard added to the dev host: the scheduler's next runs, and unsetting a local param. */
import * as fs from "fs";
import * as path from "path";
import { LocalScheduler } from "../../src/local/dev/scheduler";
import { listLocalParams, localParamsFile, removeLocalParam, writeLocalParam } from "../../src/local/params";
import { tempDir } from "../support/temp-app";

describe("LocalScheduler.nextRun", () => {
  test("is when each armed timer fires, forgotten once its expression goes", () => {
    const scheduler = new LocalScheduler({ run: async () => undefined });
    const before = Date.now();
    scheduler.sync(["rate(5 minutes)", "cron(0 3 ? * MON *)", "cron(0 0 1 1 ? 2000)"]);
    try {
      const rate = scheduler.nextRun("rate(5 minutes)") ?? 0;
      expect(rate).toBeGreaterThanOrEqual(before + 5 * 60_000);
      expect(rate).toBeLessThanOrEqual(Date.now() + 5 * 60_000);
      const monday = new Date(scheduler.nextRun("cron(0 3 ? * MON *)") ?? 0);
      expect([monday.getUTCDay(), monday.getUTCHours(), monday.getUTCMinutes()]).toEqual([1, 3, 0]);
      // A year gone by: no run left, though it still runs by hand.
      expect(scheduler.nextRun("cron(0 0 1 1 ? 2000)")).toBeUndefined();
      scheduler.sync(["cron(0 3 ? * MON *)"]);
      expect(scheduler.nextRun("rate(5 minutes)")).toBeUndefined();
    } finally {
      scheduler.stop();
    }
    expect(scheduler.nextRun("cron(0 3 ? * MON *)")).toBeUndefined();
  });
});

describe("removeLocalParam", () => {
  test("removes a param and its secret mark, and says when there was nothing to remove", () => {
    const app = tempDir();
    writeLocalParam(app, "dev", "PLAIN", "a", false);
    writeLocalParam(app, "dev", "KEY", "b", true);
    expect(removeLocalParam(app, "dev", "KEY")).toBe(true);
    expect(listLocalParams(app, "dev")).toEqual([{ name: "PLAIN", value: "a", secret: false }]);
    expect(JSON.parse(fs.readFileSync(localParamsFile(app, "dev"), "utf8"))).toEqual({ PLAIN: "a" });
    expect(removeLocalParam(app, "dev", "KEY")).toBe(false);
    expect(removeLocalParam(app, "dev", "$secret")).toBe(false);
    expect(removeLocalParam(app, "qa", "PLAIN")).toBe(false);
    expect(fs.existsSync(path.join(app, ".iac", "qa"))).toBe(false);
  });
});
