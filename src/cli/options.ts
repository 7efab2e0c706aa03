/** Checks on flag values that yargs runs before any command (a failure is a usage error: exit 1, nothing done). */
import { stageNameProblem } from "../compiler";

/** A yargs `.check` for `--stage`: the one stage name rule (src/stage.ts), for every command. */
export function checkStage(argv: { stage?: unknown }): true | string {
  if (argv.stage === undefined) return true;
  const problem = stageNameProblem(String(argv.stage));
  return problem ? `error ${problem.code} ${problem.message}\n  hint: ${problem.hint ?? ""}` : true;
}
