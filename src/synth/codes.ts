/**
 * Diagnostic codes raised by synth (7xxx: synth and deploy). Kept next to
 * the code that raises them; the CLI renders them, synth never prints.
 */
export const SYNTH_CODES = {
  /** esbuild could not bundle the app (syntax error, unresolved import...). */
  bundleError: "IAC7001",
  /** esbuild warned about app code (not node_modules). */
  bundleWarning: "IAC7002",
  /** The graph has static files but `static/` is missing from the app dir. */
  staticDirMissing: "IAC7003",
  /** Too many top-level static entries for CloudFront's behaviour quota. */
  tooManyStaticEntries: "IAC7004",
  /** The runtime's Lambda adapter is missing from the iac package. */
  runtimeMissing: "IAC7005",
  /** CDK refused the construct tree (validation, or a construct error). */
  synthFailed: "IAC7006",
  /** The output directory holds something other than a cloud assembly. */
  outDirNotAssembly: "IAC7007",
} as const;
