/**
 * Diagnostic codes the analyzer raises, one name each, grouped by the SDK
 * area (1xxx api and http, 2xxx schedule, 3xxx data, 4xxx storage, 5xxx
 * events, params, static files and logs, 61xx what the call graph cannot
 * follow, 80xx loading the app's modules). `docs/diagnostics.md` is
 * generated from this file and the other catalogues (scripts/diagnostics-doc.js).
 */
export const ANALYZER_CODES = {
  /** A route path is not a static string (error). */
  routePathNotStatic: "IAC1001",
  /** The same method and path registered twice: the first one answers (warning). */
  duplicateRoute: "IAC1002",
  /** A route path that does not start with `/` never matches (warning). */
  routePathRelative: "IAC1003",
  /** A route or `api.use` without its handler or path (error). */
  routeWithoutHandler: "IAC1004",
  /** The `api.use` mount path is not a static string (error). */
  mountPathNotStatic: "IAC1005",
  /** A route's `timeout` option is not a static number (error). */
  routeTimeoutNotStatic: "IAC1006",
  /** A route's `timeout` is longer than API Gateway allows (error). */
  routeTimeoutTooLong: "IAC1007",
  /** A route registered only after start-up: its order among routes is a guess (warning). */
  routeAfterStartup: "IAC1008",
  /** An `api.static` or `http.static` folder that is not a static string, or not a folder of the app (error). */
  staticFolderInvalid: "IAC1009",
  /** `http.use` without an app, or called twice (error). */
  httpUseInvalid: "IAC1011",
  /** `http.on` with something other than 404 and a static file name (error). */
  httpOnInvalid: "IAC1012",
  /** The file `http.on(404, file)` names is not in static/ (warning). */
  notFoundPageMissing: "IAC1013",
  /** A schedule without its expression, or one that is not a static string (error). */
  scheduleNotStatic: "IAC2001",
  /** A `schedule.every` rate that is not valid; the hint gives the nearest valid one (error). */
  rateInvalid: "IAC2002",
  /** A `schedule.cron` expression that is not valid; the hint gives the nearest valid one (error). */
  cronInvalid: "IAC2003",
  /** A cron expression with `*` in both day fields (error). */
  cronBothDays: "IAC2004",
  /** A schedule without its handler (error). */
  scheduleWithoutHandler: "IAC2005",
  /** A schedule's `timeout` option is not a static number (error). */
  scheduleTimeoutNotStatic: "IAC2006",
  /** A schedule's `timeout` is longer than allowed (error). */
  scheduleTimeoutTooLong: "IAC2007",
  /** A label outside `label1`..`label5` (error). */
  labelInvalid: "IAC3001",
  /** A label name that is not static: every label index is assumed (warning). */
  labelNotStatic: "IAC3002",
  /** A `data.on` event that is not created, updated, deleted or `*` (error). */
  dataEventInvalid: "IAC3003",
  /** A `data.on` event that is not a static string (error). */
  dataEventNotStatic: "IAC3004",
  /** A `data.on` listener without its handler (error). */
  dataListenerWithoutHandler: "IAC3005",
  /** A data listener's `timeout` option is not a static number (error). */
  dataListenerTimeoutNotStatic: "IAC3006",
  /** A data listener's `timeout` is longer than allowed (error). */
  dataListenerTimeoutTooLong: "IAC3007",
  /** A `storage.on` event that is not static or not write, remove or `*` (error). */
  storageEventInvalid: "IAC4001",
  /** A `storage.on` listener without its handler (error). */
  storageListenerWithoutHandler: "IAC4002",
  /** A storage listener's `timeout` option is not a static number (error). */
  storageListenerTimeoutNotStatic: "IAC4003",
  /** A storage listener's `timeout` is longer than allowed (error). */
  storageListenerTimeoutTooLong: "IAC4004",
  /** An `events.on` name that is not a static string (error). */
  eventNameNotStatic: "IAC5001",
  /** An `events.on` listener without its handler (error). */
  eventListenerWithoutHandler: "IAC5002",
  /** A published event name that is not static: the function may publish any event (warning). */
  publishedNameNotStatic: "IAC5003",
  /** A param read by a computed name: every param of the stage is readable there (warning). */
  paramNameComputed: "IAC5004",
  /** An event listener's `timeout` option is not a static number (error). */
  eventListenerTimeoutNotStatic: "IAC5005",
  /** An event listener's `timeout` is longer than allowed (error). */
  eventListenerTimeoutTooLong: "IAC5006",
  /** A file under static/ that cannot be read (error). */
  staticFileUnreadable: "IAC5011",
  /** `logs.retain` without a positive number and a unit (error). */
  logRetentionInvalid: "IAC5021",
  /** A log retention CloudWatch does not offer: the next longer one is used (warning). */
  logRetentionRounded: "IAC5022",
  /** `logs.retain` called more than once: the first call wins (warning). */
  logRetentionRepeated: "IAC5023",
  /** An SDK call that live code reaches in a way the call graph does not follow: every function is granted it (warning). */
  unattributed: "IAC6101",
  /** An SDK interface handed on where its calls cannot be followed: what they could need is assumed (warning; error for registrations that cannot be deployed). */
  escape: "IAC6102",
  /** An SDK call in code nothing in the app calls: no function is granted it (info). */
  unreached: "IAC6103",
  /** No entry module, an app folder that does not exist, or an entry that cannot be read (error). */
  entry: "IAC8001",
  /** A syntax error in an app module (error). */
  syntax: "IAC8002",
  /** An unreadable tsconfig.json (or one nested too deep): defaults are used (warning). */
  tsconfig: "IAC8003",
  /** `package.json` `main` names no file: the `index.*` found is used (warning). */
  mainMissing: "IAC8005",
  /** `package.json` is not valid JSON (error). */
  packageJson: "IAC8006",
  /** A relative import that names no file of the app; the hint names the nearest (error). */
  importUnresolved: "IAC8007",
  /** An import of a name an app ES module does not export; the hint names the nearest (error). */
  exportMissing: "IAC8008",
  /** An imported module that is not a readable source file (a FIFO, a device, larger than 8 MB) (error). */
  moduleUnreadable: "IAC8009",
  /** A module nested deeper than the analyzer walks (error). */
  nestedTooDeep: "IAC8010",
  /** An export reached through a chain of more than 200 re-exporting modules (error). */
  exportChainTooLong: "IAC8011",
} as const;

export type AnalyzerCode = (typeof ANALYZER_CODES)[keyof typeof ANALYZER_CODES];
