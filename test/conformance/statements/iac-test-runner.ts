/**
 * The `iac test` path: the generated app's test files (one per area) call
 * `runArea`, which defines one Jest test per statement and appends each
 * outcome to the JSON-lines file `CONFORMANCE_RESULTS` names, for the
 * suite (iac-test.test.ts) to report statement by statement.
 */
import * as fs from "fs";
import { format } from "util";
import { data, params } from "iac";
import { FIXTURE } from "./fixture";
import { MARKER_COLLECTION } from "./testing";
import type { Area, Context } from "./types";

export interface Outcome {
  area: string;
  id: string;
  /** `deviation-failed`: a known deviation's check failed, as expected (see Statement.deviation). */
  status: "passed" | "failed" | "skipped" | "deviation-failed";
  message?: string;
}

function record(outcome: Outcome): void {
  const file = process.env.CONFORMANCE_RESULTS;
  if (file) fs.appendFileSync(file, `${JSON.stringify(outcome)}\n`);
}

// iac test's instance logs the runtime's errors with console.error: keep them for the statements that check them.
const errors: string[] = [];

const ctx: Context = {
  path: "iac-test",
  // iac-test.test.ts runs `iac test --stage <this>`.
  stage: FIXTURE.localStage,
  errorLogs: () => errors,
  // The instance's control endpoint, as `iac dev` fires schedules.
  async fireSchedule(expression) {
    const res = await fetch(`${params.CLOUD_URL}/_iac/schedules?expression=${encodeURIComponent(expression)}`, { method: "POST" });
    if (!res.ok) throw new Error(`firing ${expression}: ${res.status} ${await res.text()}`);
  },
};

export function runArea(area: Area): void {
  beforeAll(async () => {
    jest.spyOn(console, "error").mockImplementation((...args: unknown[]) => void errors.push(format(...args)));
    await data.set(`${MARKER_COLLECTION}:${area.name}`, true);
  });
  for (const statement of area.statements) {
    const name = `[${statement.id}] ${statement.title}`;
    const reason = statement.skip?.["iac-test"];
    if (reason) {
      record({ area: area.name, id: statement.id, status: "skipped", message: reason });
      test.skip(`${name} (skipped: ${reason})`, () => undefined);
      continue;
    }
    const deviation = statement.deviation;
    (deviation ? test.failing : test)(deviation ? `${name} (known deviation, expected to fail: ${deviation})` : name, async () => {
      try {
        await statement.run(ctx);
      } catch (error) {
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        record({ area: area.name, id: statement.id, status: deviation ? "deviation-failed" : "failed", message });
        throw error;
      }
      record({ area: area.name, id: statement.id, status: "passed" });
    });
  }
}
