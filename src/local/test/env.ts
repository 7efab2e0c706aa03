/**
 * What the `iac test` host tells each Jest worker, through environment
 * variables (workers are child processes; the environment is what they
 * reliably inherit).
 */
export interface TestEnv {
  appDir: string;
  entry: string;
  dataEndpoint: string;
  params: Record<string, string>;
}

const PREFIX = "IAC_TEST_";

/**
 * `Symbol.for` key of the global set where modules with top-level `await`
 * register `{ file, done }` (the promise of their body; see transform.ts),
 * for setup.ts to await before a file's tests.
 */
export const PENDING_MODULES_KEY = "iac.test.pendingModules";

export function writeTestEnv(env: TestEnv): Record<string, string> {
  return {
    [`${PREFIX}APP_DIR`]: env.appDir,
    [`${PREFIX}ENTRY`]: env.entry,
    [`${PREFIX}DATA_ENDPOINT`]: env.dataEndpoint,
    [`${PREFIX}PARAMS`]: JSON.stringify(env.params),
  };
}

export function readTestEnv(vars: NodeJS.ProcessEnv): TestEnv {
  const get = (name: string): string => {
    const value = vars[`${PREFIX}${name}`];
    if (!value) throw new Error(`${PREFIX}${name} is not set: run these tests with \`iac test\``);
    return value;
  };
  const parsed: unknown = JSON.parse(get("PARAMS"));
  const params: Record<string, string> = {};
  if (typeof parsed === "object" && parsed !== null) {
    for (const [name, value] of Object.entries(parsed)) if (typeof value === "string") params[name] = value;
  }
  return { appDir: get("APP_DIR"), entry: get("ENTRY"), dataEndpoint: get("DATA_ENDPOINT"), params };
}
