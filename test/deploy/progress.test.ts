// The progress renderer on recorded toolkit messages (see recorded/README.md).
import * as fs from "fs";
import * as path from "path";
import type { IoMessage } from "@aws-cdk/toolkit-lib";
import { DeployProgress, formatElapsed } from "../../src/deploy";

interface Recorded {
  time: string;
  level: IoMessage<unknown>["level"];
  action: IoMessage<unknown>["action"];
  code?: IoMessage<unknown>["code"];
  message: string;
  data: unknown;
}

function load(name: string): IoMessage<unknown>[] {
  const raw: Recorded[] = JSON.parse(fs.readFileSync(path.join(__dirname, "recorded", name), "utf8"));
  return raw.map((r) => ({ ...r, time: new Date(r.time) }));
}

describe("DeployProgress", () => {
  test("renders resources done out of total, the elapsed time and failures with their reason", () => {
    const lines: string[] = [];
    const progress = new DeployProgress((l) => lines.push(l));
    const states: string[] = [];
    for (const msg of load("deploy-failed.json")) {
      progress.handle(msg);
      const s = progress.state;
      states.push(`${s.done}/${s.total ?? "?"} ${s.current ?? "-"}`);
    }
    expect(lines).toMatchSnapshot();
    expect(lines[0]).toBe("Deploying todo-qa (4 resources)");
    // The operation under way is tracked while resources are in progress.
    expect(states).toContain("0/4 CREATE_IN_PROGRESS Table");
    expect(states).toContain("2/4 CREATE_IN_PROGRESS FnHttp");
    // The role finished while the table was still being created: the table is current again.
    expect(states).toContain("1/4 CREATE_IN_PROGRESS Table");
    expect(progress.state.current).toBeUndefined();
    expect(progress.failures[0]).toMatch(/^FnHttp \(AWS::Lambda::Function\) CREATE_FAILED: Resource handler returned message/);
    expect(progress.warnings).toEqual(["[Warning at /todo-qa/FnHttp] log retention is not set"]);
    // Debug, trace and info chatter (synthesis) is not shown.
    expect(lines.join("\n")).not.toMatch(/Synthesis|bypass synth/);
  });

  test("elapsed time is m:ss", () => {
    expect([formatElapsed(0), formatElapsed(9_999), formatElapsed(61_000), formatElapsed(3_600_000)]).toEqual(["0:00", "0:09", "1:01", "60:00"]);
  });
});
