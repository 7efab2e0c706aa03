/**
 * Stages: one name rule and one default for every command.
 *
 * A stage is where the app runs: `qa`, `prod`, `pr-42` in the cloud, or the
 * local instance of a stage on this machine (`.iac/<stage>/`). Every command
 * that takes `--stage` and can do without one uses DEFAULT_STAGE: `iac
 * build`, `iac diff`, `iac dev`, `iac test`, `iac data`, `iac params
 * --local`. Commands that change a cloud stage (`iac deploy`, `iac destroy`,
 * `iac params` without `--local`) have no default: the stage is said.
 */
import type { Diagnostic } from "./graph";

export const DEFAULT_STAGE = "dev";

/** What `iac dev` and `iac test` used before DEFAULT_STAGE was one name for every command; its folder is migrated (src/local/app.ts). */
export const FORMER_LOCAL_STAGE = "local";

/** As the stack name and SSM path need it: lower-case letter first, then a-z, 0-9 and '-', at most 40. */
export const STAGE_NAME = /^[a-z][a-z0-9-]{0,39}$/;

/** Why `stage` is not a valid stage name (the diagnostic `build` gives), or undefined when it is. */
export function stageNameProblem(stage: string): Diagnostic | undefined {
  if (STAGE_NAME.test(stage)) return undefined;
  return {
    code: "IAC8001",
    severity: "error",
    message: `invalid stage name "${stage}"`,
    hint: "a stage name starts with a lower-case letter and holds only a-z, 0-9 and '-', at most 40 characters (e.g. qa, prod, dev-alice)",
  };
}
