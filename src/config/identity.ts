/**
 * The app's identity, pinned in `iac.app.json` beside its package.json:
 *
 *   { "app": "todo", "id": "todo-5f0c93e1a2b4" }
 *
 * `app` names the stacks (`<app>-<stage>`), the SSM path of the params and
 * the event source. Without the file it comes from package.json `name` (or
 * the folder's name), which an innocent rename changes: the next deploy
 * would then create a new stack with an empty table while the data stays
 * in the old one. So the first `iac build` or `iac deploy` writes the file
 * (to be committed), and from then on only an edit of the file changes the
 * identity: `iac diff` reports that as destructive and `iac deploy` refuses
 * it without `--accept-identity-change`.
 *
 * `id` never changes, even when `app` does: each stack carries it as the
 * tag `iac:app-id`, which is how `iac deploy` finds the app's existing
 * stack under its old name (src/deploy/identity.ts). It is random, not
 * derived from the name, so two apps that once had the same name differ.
 */
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as path from "path";
import type { Diagnostic, SourceLocation } from "../graph";
import { CONFIG_CODES } from "./codes";

export const IDENTITY_FILE = "iac.app.json";

export interface AppIdentity {
  /** [a-z0-9-]: the stacks are `<app>-<stage>`. */
  app: string;
  /** Stable across renames: the stacks' `iac:app-id` tag. */
  id: string;
}

export interface IdentityResult {
  identity?: AppIdentity;
  /** True when this call wrote the file. */
  created: boolean;
  diagnostics: Diagnostic[];
}

const APP = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
const ID = /^[A-Za-z0-9-]{1,128}$/;
const AT: SourceLocation = { file: IDENTITY_FILE, line: 1, column: 1 };

/** The pinned identity, if the app has one; an unreadable or invalid file is an error (never silently ignored). */
export function readIdentity(appDir: string): IdentityResult {
  const file = path.join(appDir, IDENTITY_FILE);
  if (!fs.existsSync(file)) return { created: false, diagnostics: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    return invalid(`${IDENTITY_FILE} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof parsed !== "object" || parsed === null || !("app" in parsed) || !("id" in parsed)) {
    return invalid(`${IDENTITY_FILE} must hold { "app": "<name>", "id": "<id>" }`);
  }
  const { app, id } = parsed;
  if (typeof app !== "string" || !APP.test(app)) {
    return invalid(`${IDENTITY_FILE}: "app" must be 1 to 64 of a-z, 0-9 and '-' (not at either end), got ${JSON.stringify(app)}`);
  }
  if (typeof id !== "string" || !ID.test(id)) return invalid(`${IDENTITY_FILE}: "id" must be 1 to 128 of A-Z, a-z, 0-9 and '-', got ${JSON.stringify(id)}`);
  return { identity: { app, id }, created: false, diagnostics: [] };
}

/**
 * The pinned identity, writing it first when the app has none: `derived`
 * (the analyzer's name, from package.json or the folder) becomes the app's
 * name for good. Says so with an info diagnostic, and when package.json has
 * moved away from the pinned name, says which one counts.
 */
export function pinIdentity(appDir: string, derived: string): IdentityResult {
  const read = readIdentity(appDir);
  if (read.diagnostics.length > 0) return read;
  if (read.identity) return { ...read, diagnostics: renamed(read.identity, derived) };
  const identity: AppIdentity = { app: derived, id: `${derived.slice(0, 100)}-${randomBytes(6).toString("hex")}` };
  writeIdentity(appDir, identity);
  return {
    identity,
    created: true,
    diagnostics: [
      {
        code: CONFIG_CODES.identityPinned,
        severity: "info",
        location: AT,
        message: `pinned the app's identity "${identity.app}" in ${IDENTITY_FILE}: its stacks are ${identity.app}-<stage> from now on, whatever package.json or the folder is called`,
        hint: `commit ${IDENTITY_FILE}; renaming the app later cannot move its data to a new, empty stack`,
      },
    ],
  };
}

/** Applies a read-only identity (no file: the derived name stands) and notes a package.json that moved away from it. */
export function identityNotes(identity: AppIdentity | undefined, derived: string): Diagnostic[] {
  return identity ? renamed(identity, derived) : [];
}

function renamed(identity: AppIdentity, derived: string): Diagnostic[] {
  if (identity.app === derived) return [];
  return [
    {
      code: CONFIG_CODES.identityKept,
      severity: "info",
      location: AT,
      message: `package.json (or the folder) now names the app "${derived}"; its identity stays "${identity.app}" (${IDENTITY_FILE}), so its stacks and data stay where they are`,
      hint: `to move the app to new stacks named ${derived}-<stage> (which start empty), change "app" in ${IDENTITY_FILE}: iac diff shows it as destructive and iac deploy asks for --accept-identity-change`,
    },
  ];
}

export function writeIdentity(appDir: string, identity: AppIdentity): string {
  const file = path.join(appDir, IDENTITY_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify({ app: identity.app, id: identity.id }, null, 2)}\n`);
  fs.renameSync(tmp, file);
  return file;
}

function invalid(message: string): IdentityResult {
  return {
    created: false,
    diagnostics: [
      {
        code: CONFIG_CODES.identityInvalid,
        severity: "error",
        message,
        location: AT,
        hint: `fix ${IDENTITY_FILE} or restore it from version control; deleting it would let the name change with package.json`,
      },
    ],
  };
}
