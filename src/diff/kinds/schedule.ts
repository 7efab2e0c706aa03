/** Schedules: matched by expression; one swapped for another is the schedule changed. */
import { registrationComparer } from "../registrations";
import type { DiffKind } from "./kind";

export const schedule = {
  compare: registrationComparer("schedule", { describe: (r) => `schedule ${r.expression}`, swapReason: "the schedule's expression changed" }),
  areas: { schedule: ["schedule", "schedules"] },
} satisfies DiffKind<"schedule">;
