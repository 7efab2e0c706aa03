/** `events.on(name)`: matched by event name. */
import { registrationComparer } from "../registrations";
import type { DiffKind } from "./kind";

export const eventSubscription = {
  compare: registrationComparer("event-subscription", { describe: (r) => `events.on(${r.name})` }),
  areas: { "event-subscription": ["event listener", "event listeners"] },
} satisfies DiffKind<"event-subscription">;
