// A schedule whose interval changed keeps its function's permissions: the
// graph part of iac diff shows a renamed function, not new permissions.
import * as fs from "fs";
import * as path from "path";
import { diffGraphs } from "../../src/diff/graph";
import type { AppGraph } from "../../src/graph";
import { FIXTURES } from "./fixtures";

const baseText = fs.readFileSync(path.join(FIXTURES, "base.graph.json"), "utf8");
const base: AppGraph = JSON.parse(baseText);
/** The base with its hourly schedule every two hours: new schedule id, handler id and function id. */
const head: AppGraph = JSON.parse(baseText.split("rate(1 hour)").join("rate(2 hours)").split("rate-1-hour").join("rate-2-hours"));

test("a schedule's new interval is a renamed function and a changed schedule, with no permission widened", () => {
  const changes = diffGraphs(base, head).map((c) => `${c.class} ${c.area} ${c.action} ${c.subject}: ${c.reason}`);
  expect(changes).toEqual([
    "safe function changed function schedule-rate-2-hours: the schedule's expression changed, and with it the function's name",
    "safe schedule changed schedule rate(2 hours): the schedule's expression changed",
  ]);
});

test("the renamed function's permissions are still compared: one it gains is widened", () => {
  const usage = head.usages.find((u) => u.handler === "schedule:rate(2 hours)");
  if (!usage) throw new Error("the fixture's schedule has usages");
  const wider: AppGraph = { ...head, usages: [...head.usages, { ...usage, resource: "events", operation: "publish", scope: { names: ["digest"] } }] };
  const widened = diffGraphs(base, wider)
    .filter((c) => c.action === "widened")
    .map((c) => c.subject);
  expect(widened).toEqual(['schedule-rate-2-hours: events.publish on event "digest"']);
});
