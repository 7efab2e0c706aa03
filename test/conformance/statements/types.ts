/**
 * The shape of the conformance suite's one source: each statement of the
 * SDK contract (docs/sdk.md, by its id) is one `Statement` whose `run`
 * checks it through the SDK alone, so the same code runs on every path:
 * under `iac test` in a generated app (its files are copied there), in-process
 * against the embedded backends, and in-process against the AWS-protocol
 * backends through the Lambda adapter. Statements import only `iac` and each
 * other: nothing from the repository, which the generated app cannot see.
 */

/** The three ways the suite runs (test/conformance/*.test.ts). */
export type PathName = "iac-test" | "embedded" | "aws";

export const PATHS: readonly PathName[] = ["iac-test", "embedded", "aws"];

export interface Context {
  path: PathName;
  /** The stage the instance runs as (`params.INSTANCE_NAME`). */
  stage: string;
  /** Runs the schedules registered for a normalised expression (`rate(5 minutes)`), as the platform's trigger does. */
  fireSchedule(expression: string): Promise<void>;
  /** What the runtime has logged as errors so far (unhandled handler errors with their stacks), oldest first. */
  errorLogs(): readonly string[];
  /** Names of the DynamoDB commands the data backend has sent so far; absent where the path cannot see them. */
  dataCommands?(): readonly string[];
}

export interface Statement {
  /** The statement's id in docs/sdk.md, e.g. `data.set.returns`. */
  id: string;
  /** What the test checks, in a few words. */
  title: string;
  /** Paths that cannot check this statement, each with its reason: the test is reported skipped with it, never left out. */
  skip?: Partial<Record<PathName, string>>;
  /**
   * A known deviation of the runtime, not fixed yet, with where the fix
   * belongs: on every path the test expects the check to fail (Jest's
   * `test.failing`), so it turns red the day the runtime conforms and this
   * mark must go.
   */
  deviation?: string;
  run(ctx: Context): Promise<void>;
}

export interface Area {
  /** `data`, `storage`, ...: one test file under `iac test`, one fresh set of registrations in-process. */
  name: string;
  statements: Statement[];
}
