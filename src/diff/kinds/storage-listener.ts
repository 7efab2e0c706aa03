/** `storage.on(spec)`: matched by what the user wrote (the id after `storage-listener:`). */
import { registrationComparer } from "../registrations";
import type { DiffKind } from "./kind";

export const storageListener = {
  compare: registrationComparer("storage-listener", { describe: (r) => `storage.on(${r.id.slice("storage-listener:".length)})` }),
  areas: { "storage-listener": ["storage listener", "storage listeners"] },
} satisfies DiffKind<"storage-listener">;
