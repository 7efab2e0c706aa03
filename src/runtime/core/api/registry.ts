/**
 * What the app registered through `api` and `http`, in order. Express
 * semantics depend on registration order (the first matching route wins,
 * middleware runs where it was added), so everything goes into one ordered
 * list that `buildApp` replays onto a real Express app. The list is plain
 * data plus the user's functions; the Express app is rebuilt lazily after
 * any change (tests and `iac dev` register and reset at will).
 */
import type { RequestListener } from "http";
import type { MountableApp } from "../types";
import type { Middleware } from "./wrap";
import { MAX_BODY_BYTES } from "./limits";

export type RouteMethod = "get" | "post" | "put" | "patch" | "delete" | "all" | "options" | "head";

export type Registration =
  | { kind: "route"; methods: RouteMethod[]; path: string; handlers: Middleware[]; timeoutMs?: number }
  | { kind: "use"; path?: string; handlers: Middleware[] }
  | { kind: "static"; dir: string; path: string };

export interface HttpState {
  registrations: Registration[];
  jsonLimit: string | number;
  /** `http.use(app)`: served after every `api` registration, for whatever they leave. */
  mount?: RequestListener;
  /** A web framework's server (src/runtime/frameworks): served after the mount, for whatever the SDK's routes leave. */
  framework?: RequestListener;
  /** `http.on(404, file)`: relative to the static folder. */
  notFoundFile?: string;
  /** Bumped on every change; the built Express app is reused while it is unchanged. */
  version: number;
}

const state: HttpState = { registrations: [], jsonLimit: MAX_BODY_BYTES, version: 0 };

export function httpState(): Readonly<HttpState> {
  return state;
}

export function addRegistration(registration: Registration): void {
  state.registrations.push(registration);
  state.version++;
}

export function setJsonLimit(limit: string | number): void {
  state.jsonLimit = limit;
  state.version++;
}

export function setMount(app: MountableApp): void {
  if (state.mount) throw new Error("http.use: an app is already mounted; mount one app (route inside it instead)");
  state.mount = toListener(app);
  state.version++;
}

export function setFrameworkHandler(listener: RequestListener | undefined): void {
  state.framework = listener;
  state.version++;
}

export function setNotFoundFile(file: string): void {
  state.notFoundFile = file;
  state.version++;
}

/** The routes registered so far, in order, one per method (`all` as `ALL`): what the app serves, as the analysis would list it. */
export function registeredRoutes(): { method: string; path: string; timeoutMs?: number }[] {
  return state.registrations.flatMap((r) =>
    r.kind === "route" ? r.methods.map((m) => ({ method: m.toUpperCase(), path: r.path, timeoutMs: r.timeoutMs })) : [],
  );
}

export function resetHttpState(): void {
  state.registrations = [];
  state.jsonLimit = MAX_BODY_BYTES;
  state.mount = undefined;
  state.framework = undefined;
  state.notFoundFile = undefined;
  state.version++;
}

/** Express and Connect apps are listeners already; a Koa app gives one through `callback()`. */
function toListener(app: MountableApp): RequestListener {
  if (typeof app === "function") return app;
  if (typeof app === "object" && app !== null && typeof app.callback === "function") return app.callback();
  throw new TypeError("http.use expects an Express, Koa or Connect app, or a (req, res) listener");
}
