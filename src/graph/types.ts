/**
 * The resource graph: the one contract between iac's phases.
 *
 * Inputs: produced by the analyzer from an app's source. Outputs: read by
 * synth, diff, `iac graph`, `iac why` and the local instance.
 * Invariants (checked by `validateGraph`, kept by `normalizeGraph`):
 * - plain JSON: no class instances, no functions, no TypeScript syntax nodes;
 * - every resource, handler and usage carries a SourceLocation
 *   (project-relative POSIX path, 1-based line and column);
 * - references are by id; every array is sorted, so analysing the same app
 *   twice gives byte-identical JSON;
 * - `version` changes whenever the shape changes incompatibly.
 */

export const GRAPH_VERSION = 1 as const;

export interface SourceLocation {
  /** Project-relative POSIX path, e.g. `src/routes/todos.ts`. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS" | "HEAD" | "ALL";

export interface AppGraph {
  version: typeof GRAPH_VERSION;
  app: AppInfo;
  /** Sorted by id. At most one of each singleton kind (api, http, data, storage, events, static, params). */
  resources: Resource[];
  /** Sorted by id. */
  handlers: Handler[];
  /** Sorted by (handler, resource, operation, location). */
  usages: Usage[];
  /** How handlers are grouped into deployable functions; sorted by id. See `planFunctions`. */
  functions: FunctionPlan[];
}

export interface AppInfo {
  /** From package.json `name` (scope stripped), else the directory name; [a-z0-9-]. */
  name: string;
  /** The entry file, project-relative. */
  entry: string;
  language: "ts" | "js";
  moduleFormat: "esm" | "cjs";
  /** `logs.retain(n, unit)` normalised to days, when the app sets it. */
  logRetentionDays?: number;
}

// ---------------------------------------------------------------------------
// Resources

export type Resource =
  | ApiResource
  | HttpResource
  | DataResource
  | StorageResource
  | EventsResource
  | ScheduleResource
  | EventSubscriptionResource
  | DataListenerResource
  | StorageListenerResource
  | StaticResource
  | ParamsResource;

export type ResourceKind = Resource["kind"];

/** `api.*` routes and middleware, in registration order (Express semantics). */
export interface ApiResource {
  kind: "api";
  id: "api";
  location: SourceLocation;
  /** Routes and `api.use` entries interleaved in registration order (`order` ascending). */
  routes: Route[];
  middleware: Middleware[];
}

export interface RouteOptions {
  /** Milliseconds; absent means the contract's default. */
  timeoutMs?: number;
}

export interface Route {
  /** `route:GET /todos/:id`; a duplicate gets `#2`, `#3`... */
  id: string;
  method: HttpMethod;
  path: string;
  /** Global registration index across routes and middleware, from 0. */
  order: number;
  /** `api.upload` (multipart parsing on POST/PUT). */
  upload: boolean;
  options: RouteOptions;
  /** The handler registration that serves this route (same id as the route). */
  handler: string;
  /** Source locations of each function in the chain, in order (middleware then handler). */
  chain: SourceLocation[];
  location: SourceLocation;
}

export interface Middleware {
  /** `middleware:<order>`. */
  id: string;
  /** Mount path, when given (`api.use("/admin", ...)`). */
  path?: string;
  order: number;
  /** Arity 4 `(err, req, res, next)`. */
  errorHandler: boolean;
  handler: string;
  location: SourceLocation;
  /**
   * `api.static(dir, { path })` or `http.static(dir)`: the folder (relative to
   * the app directory) served at `path`. The HTTP function ships it.
   */
  folder?: string;
}

/** `http.use(app)` and `http.on(404, file)`. */
export interface HttpResource {
  kind: "http";
  id: "http";
  location: SourceLocation;
  mount?: { handler: string; framework: "express" | "koa" | "connect" | "unknown"; location: SourceLocation };
  /** Static file served for unmatched paths (SPA fallback), relative to `static/`. */
  notFound?: { file: string; location: SourceLocation };
  /** `http.static(dir)`: folders (relative to the app directory) the HTTP function ships and serves. */
  folders?: { dir: string; handler: string; location: SourceLocation }[];
}

export type LabelName = "label1" | "label2" | "label3" | "label4" | "label5";

export interface DataResource {
  kind: "data";
  id: "data";
  location: SourceLocation;
  /** Label indexes the app queries or writes, sorted. Synth makes one GSI per entry. */
  labels: LabelName[];
  /** Collections statically known to be used, sorted. */
  collections: string[];
  /** True when any `data.on` listener exists (a table stream is needed). */
  stream: boolean;
}

export interface StorageResource {
  kind: "storage";
  id: "storage";
  location: SourceLocation;
  /** True when some write or listener touches `public/`, or it cannot be known. */
  public: boolean;
}

/** The stage's event bus, present when anything publishes or subscribes. */
export interface EventsResource {
  kind: "events";
  id: "events";
  location: SourceLocation;
  /** Event names published with a static name, sorted. */
  published: string[];
  /** True when some publish passes `after` (a scheduler is needed). */
  delayed: boolean;
}

export interface ScheduleResource {
  kind: "schedule";
  /** `schedule:rate(5 minutes)` or `schedule:cron(0 0 ? * TUE *)`, `#2`... on repeats. */
  id: string;
  /** Normalised AWS expression: `rate(5 minutes)` / `cron(0 0 ? * TUE *)`. */
  expression: string;
  /** What the user wrote, e.g. `5 minutes`. */
  source: string;
  handler: string;
  timeoutMs?: number;
  location: SourceLocation;
}

export interface EventSubscriptionResource {
  kind: "event-subscription";
  /** `event:<name>`, `#2`... on repeats. */
  id: string;
  name: string;
  handler: string;
  timeoutMs?: number;
  location: SourceLocation;
}

export type DataEventName = "created" | "updated" | "deleted";

export interface DataListenerResource {
  kind: "data-listener";
  /** `data-listener:<what the user wrote>`, e.g. `data-listener:created:todo:*`. */
  id: string;
  events: DataEventName[];
  /** Collection filter (exact, or prefix ending in `*`); absent = any. */
  namespace?: string;
  /** Key filter (exact, or prefix ending in `*`); absent = any. */
  key?: string;
  handler: string;
  timeoutMs?: number;
  location: SourceLocation;
}

export interface StorageListenerResource {
  kind: "storage-listener";
  /** `storage-listener:<what the user wrote>`, e.g. `storage-listener:write:uploads/*`. */
  id: string;
  events: ("write" | "remove")[];
  /** picomatch glob on the object path; `**` when the user wrote `*` alone. */
  glob: string;
  handler: string;
  timeoutMs?: number;
  location: SourceLocation;
}

export interface StaticFile {
  /** Relative to `static/`, POSIX. */
  path: string;
  size: number;
  /** Hex sha256 of the content (deploy invalidation, diff). */
  sha256: string;
}

export interface StaticResource {
  kind: "static";
  id: "static";
  location: SourceLocation;
  files: StaticFile[];
}

export interface ParamsResource {
  kind: "params";
  id: "params";
  location: SourceLocation;
  /** Param names the app reads (reserved names excluded), sorted. */
  names: string[];
  /** True when some read uses a computed name (`params[x]`): all of the stage's params are reachable. */
  dynamic: boolean;
}

// ---------------------------------------------------------------------------
// Handlers: one per registration (a route with its whole chain, a middleware
// entry, a schedule, a listener...). Usages hang off these.

export type HandlerKind = "route" | "middleware" | "http-app" | "schedule" | "event" | "data-listener" | "storage-listener";

export interface Handler {
  /** Equals the id of the route / resource that registered it. */
  id: string;
  kind: HandlerKind;
  /** A readable name: `GET /todos`, `every 60 minutes`, `on todo.created`. */
  title: string;
  location: SourceLocation;
}

/** Pseudo handler id for code that runs in every function (module top level) or cannot be attributed. */
export const APP_HANDLER = "@app";

// ---------------------------------------------------------------------------
// Usages: handler -> SDK resource -> operation, with scope and provenance.

/** `seedOverwrite`: a `data.seed` that may overwrite, which first removes all data (on top of `seed`). */
export type DataOperation = "get" | "query" | "getByLabel" | "set" | "remove" | "add" | "seed" | "seedOverwrite";
export type StorageOperation = "read" | "write" | "exists" | "stat" | "list" | "remove" | "copy" | "move" | "getDownloadUrl" | "getUploadUrl";
export type EventsOperation = "publish" | "publishDelayed";
export type ParamsOperation = "read";

export type Usage =
  UsageBase<"data", DataOperation> | UsageBase<"storage", StorageOperation> | UsageBase<"events", EventsOperation> | UsageBase<"params", ParamsOperation>;

export interface UsageScope {
  /**
   * data: collections touched; absent = unknown (any key). A simple key (no colon) is collection "".
   * For getByLabel, the namespaces of the label values queried (the index's partitions), likewise.
   */
  collections?: string[];
  /** data: label indexes read or written. */
  labels?: LabelName[];
  /** storage: path prefixes touched; absent = unknown. */
  prefixes?: string[];
  /** events: event names; absent = computed name. params: param names; absent = computed. */
  names?: string[];
}

export interface UsageBase<R extends string, O extends string> {
  /** Handler id, or APP_HANDLER. */
  handler: string;
  resource: R;
  operation: O;
  scope: UsageScope;
  /** The SDK call itself. */
  location: SourceLocation;
  /** Call sites from the handler down to the function that holds the SDK call (empty when direct). */
  via: SourceLocation[];
}

// ---------------------------------------------------------------------------
// Functions: the deployable units synth creates, planned from the graph.

export type FunctionKind = "http" | "schedule" | "events" | "data-listener" | "storage-listener";

export interface FunctionPlan {
  /** `http`, `schedule-<slug>`, `events-<slug>`, `data-listeners`, `storage-listeners`. */
  id: string;
  kind: FunctionKind;
  /** Handler ids served by this function, sorted. */
  handlers: string[];
  /** Max of its handlers' timeouts, after defaults and limits. */
  timeoutMs: number;
  /** Lambda memory in MB; absent = synth's default (1024). Set by stage settings or a `graph` hook (iac.config). */
  memoryMb?: number;
}
