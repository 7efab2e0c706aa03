// The progress renderer on recorded toolkit messages (see recorded/README.md).
import * as fs from "fs";
import * as path from "path";
import { NonInteractiveIoHost, type IoMessage } from "@aws-cdk/toolkit-lib";
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

  test("an update: a skipped delete is a warning, a hook's reason joins its resource's, cancelled and stack events are not failures", () => {
    const lines: string[] = [];
    const progress = new DeployProgress((l) => lines.push(l));
    for (const msg of load("update-rolled-back.json")) progress.handle(msg);
    expect(lines).toMatchSnapshot();
    expect(progress.failures).toEqual([
      "Bucket (AWS::S3::Bucket) CREATE_FAILED: The following hook(s)/validation failed: [Private::Guard::Check] : bucket must be encrypted",
    ]);
    expect(lines).toContain("[1/5]  0:09  DELETE_FAILED          OldTopic (AWS::SNS::Topic) (skipped: CloudFormation goes on without deleting it)");
    expect(progress.warnings).toEqual(["some resources failed to delete and were skipped; they may still exist (and cost): OldTopic"]);
    // Rollbacks and skipped deletes are warnings (yellow), not successes.
    const painted: string[] = [];
    const mark = (tag: string) => (s: string) => `<${tag}>${s.trim()}`;
    const styled = new DeployProgress((l) => painted.push(l), { red: mark("red"), yellow: mark("yellow"), green: mark("green"), dim: mark("dim") });
    for (const msg of load("update-rolled-back.json")) styled.handle(msg);
    expect(painted.filter((l) => /ROLLBACK|DELETE_FAILED/.test(l)).map((l) => /<(\w+)>(\S+)/.exec(l)?.slice(1).join(" "))).toEqual([
      "yellow DELETE_FAILED",
      "yellow UPDATE_ROLLBACK_IN_PROGRESS",
      "yellow UPDATE_ROLLBACK_COMPLETE",
    ]);
    expect(painted.find((l) => l.includes("Bucket (AWS::S3::Bucket)") && l.includes("FAILED"))).toContain("<red>CREATE_FAILED");
  });

  test("names the same failed resources as toolkit-lib's own NonInteractiveIoHost on the same messages", async () => {
    const written: string[] = [];
    const spy = jest.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => (written.push(String(chunk)), true));
    try {
      const host = new NonInteractiveIoHost({ isTTY: false, isCI: false });
      for (const msg of load("update-rolled-back.json")) await host.notify(msg);
    } finally {
      spy.mockRestore();
    }
    const theirs = written.join("").split("Failed resources:\n")[1] ?? "";
    // Their lines: "todo-qa | <time> | CREATE_FAILED | AWS::S3::Bucket | Bucket <reason>".
    const theirFailed = theirs
      .split("\n")
      .filter((l) => l.includes("|"))
      .map((l) => l.split("|")[4].trim().split(" ")[0]);
    const progress = new DeployProgress(() => undefined);
    for (const msg of load("update-rolled-back.json")) progress.handle(msg);
    expect(theirFailed).toEqual(progress.failures.map((f) => f.split(" ")[0]));
    expect(theirFailed).toEqual(["Bucket"]);
    // Both add the hook's reason, and both warn of the skipped delete.
    expect(theirs).toContain("bucket must be encrypted");
    expect(written.join("")).toMatch(/failed to delete but were skipped/);
  });

  test("elapsed time is m:ss", () => {
    expect([formatElapsed(0), formatElapsed(9_999), formatElapsed(61_000), formatElapsed(3_600_000)]).toEqual(["0:00", "0:09", "1:01", "60:00"]);
  });
});
