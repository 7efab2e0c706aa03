/** `data.on(spec)`: matched by what the user wrote (the id after `data-listener:`). */
import { registrationComparer } from "../registrations";
import type { DiffKind } from "./kind";

export const dataListener = {
  compare: registrationComparer("data-listener", { describe: (r) => `data.on(${r.id.slice("data-listener:".length)})` }),
  areas: { "data-listener": ["data listener", "data listeners"] },
} satisfies DiffKind<"data-listener">;
