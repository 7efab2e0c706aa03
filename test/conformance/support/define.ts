/**
 * The in-process paths (embedded.test.ts, aws.test.ts): one Jest test per
 * statement of every area, against one instance per file. Each area starts
 * from no registrations, as each area's file does under `iac test`; a
 * statement a path cannot check is a skipped test that says why.
 */
import { resetRegistrations } from "../../../src/runtime/internal";
import { AREAS } from "../statements";
import type { Context, PathName, Statement } from "../statements/types";

export interface PathHarness {
  ctx: Context;
  /** What the runtime logged (handler errors, on purpose or not), for a failing test's message. */
  logs: string[];
  close(): Promise<void>;
}

export function statementName(statement: Statement, skipped?: string): string {
  const note = skipped ? ` (skipped: ${skipped})` : statement.deviation ? ` (known deviation, expected to fail: ${statement.deviation})` : "";
  return `[${statement.id}] ${statement.title}${note}`;
}

/** `only`: the areas to check (every area when absent). */
export function defineConformance(path: PathName, start: () => Promise<PathHarness>, only?: readonly string[]): void {
  let harness: PathHarness | undefined;
  beforeAll(async () => {
    harness = await start();
  }, 60_000);
  afterAll(async () => {
    await harness?.close();
  });
  for (const area of AREAS.filter((a) => !only || only.includes(a.name))) {
    describe(area.name, () => {
      beforeAll(() => resetRegistrations());
      for (const statement of area.statements) {
        const reason = statement.skip?.[path];
        if (reason) {
          test.skip(statementName(statement, reason), () => undefined);
          continue;
        }
        (statement.deviation ? test.failing : test)(statementName(statement), async () => {
          if (!harness) throw new Error(`the ${path} instance did not start`);
          const logged = harness.logs.length;
          try {
            await statement.run(harness.ctx);
          } catch (error) {
            const logs = harness.logs.slice(logged);
            if (logs.length > 0 && error instanceof Error) error.message += `\n\nThe runtime logged meanwhile:\n${logs.join("\n")}`;
            throw error;
          }
        });
      }
    });
  }
}
