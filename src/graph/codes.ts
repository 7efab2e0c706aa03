/**
 * Diagnostic codes of the graph's own validation (IAC60xx). A graph the
 * analyzer built that fails one is a bug in iac; a graph an `iac.config`
 * hook changed may fail one, and the build says so.
 */
export const GRAPH_CODES = {
  /** Two resources share an id (error). */
  duplicateResource: "IAC6001",
  /** Two handlers share an id (error). */
  duplicateHandler: "IAC6002",
  /** A resource refers to a handler the graph lacks (error). */
  missingHandler: "IAC6003",
  /** A usage refers to a handler the graph lacks (error). */
  usageHandlerMissing: "IAC6004",
  /** A usage of a resource the graph lacks (error). */
  usageResourceMissing: "IAC6005",
  /** A handler that no resource registers (warning). */
  handlerUnregistered: "IAC6006",
  /** A function plan names a handler the graph lacks (error). */
  functionHandlerMissing: "IAC6007",
  /** The graph's version is not this iac's (error). */
  version: "IAC6008",
  /** A location that is not project-relative and 1-based (error). */
  location: "IAC6009",
  /** Two api entries share a registration order (error). */
  orderShared: "IAC6010",
  /** Data listeners without the data resource's stream (error). */
  streamMissing: "IAC6012",
} as const;
