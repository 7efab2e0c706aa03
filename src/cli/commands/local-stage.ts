/** The local stage of a command, as the CLI says it: one note when the stage's folder was migrated. */
import type { LocalStage } from "../../compiler";

export function printMigration(stage: LocalStage): void {
  if (!stage.migrated) return;
  process.stderr.write(
    `iac: moved ${stage.migrated.from} to ${stage.migrated.to}: the local instance's default stage is now named ${stage.stage}, as every command's is (its data, files and params moved with it)\n`,
  );
}
