/**
 * The SDK contract (docs/sdk.md), statement by statement, the way an app's
 * developer checks it: `iac test` (the CLI, spawned) on the conformance app,
 * whose test files (one per area) run the statements through the SDK alone
 * (support/app.ts). Each statement's outcome there is one test here.
 */
import * as fs from "fs";
import * as path from "path";
import { runCliAsync } from "../support/iac-cli";
import { AREAS } from "./statements";
import { FIXTURE } from "./statements/fixture";
import type { Outcome } from "./statements/iac-test-runner";
import { writeConformanceApp } from "./support/app";
import { statementName } from "./support/define";

interface Run {
  code: number | null;
  output: string;
  outcomes: Map<string, Outcome>;
}

let run: Run | undefined;
let appDir: string | undefined;

beforeAll(async () => {
  appDir = writeConformanceApp();
  const results = path.join(appDir, ".iac", "conformance-results.jsonl");
  const r = await runCliAsync(["test", appDir, "--stage", FIXTURE.localStage, "--workers", "2"], { env: { CI: "true", CONFORMANCE_RESULTS: results } });
  const code = r.status;
  const output = r.stdout + r.stderr;
  const outcomes = new Map<string, Outcome>();
  const lines = fs.existsSync(results) ? fs.readFileSync(results, "utf8").split("\n").filter(Boolean) : [];
  for (const line of lines) {
    const outcome = JSON.parse(line) as Outcome;
    outcomes.set(outcome.id, outcome);
  }
  run = { code, output, outcomes };
}, 120_000);

afterAll(() => {
  if (appDir) fs.rmSync(appDir, { recursive: true, force: true });
});

function outcomeOf(id: string): Outcome {
  if (!run) throw new Error("iac test did not run");
  const outcome = run.outcomes.get(id);
  if (!outcome) throw new Error(`iac test reported nothing for ${id} (exit ${run.code}):\n${run.output.slice(-4000)}`);
  return outcome;
}

describe("the SDK contract under iac test", () => {
  test("iac test ran every area's file and passed (exit 0)", () => {
    if (!run) throw new Error("iac test did not run");
    const suites = /Test Suites:\s+(?:\d+ failed, )?(\d+) passed, (\d+) total/.exec(run.output);
    expect({ code: run.code, passedFiles: suites?.[1], files: suites?.[2] }).toEqual({
      code: 0,
      passedFiles: String(AREAS.length),
      files: String(AREAS.length),
    });
  });

  for (const area of AREAS) {
    describe(area.name, () => {
      for (const statement of area.statements) {
        const reason = statement.skip?.["iac-test"];
        if (reason) {
          test.skip(statementName(statement, reason), () => undefined);
          continue;
        }
        test(statementName(statement), () => {
          const outcome = outcomeOf(statement.id);
          const expected = statement.deviation ? "deviation-failed" : "passed";
          if (outcome.status !== expected)
            throw new Error(`${statement.id} ${outcome.status} under iac test (expected ${expected}):\n${outcome.message ?? ""}`);
        });
      }
    });
  }
});
