/**
 * Diagnostic codes of web-framework apps (75xx, part of synth and build):
 * detection, the framework's own build, its output, and the frameworks iac
 * recognises but does not serve yet.
 */
export const FRAMEWORK_CODES = {
  /** The app's framework build (`cloud:build`, else the framework's own build) exited with an error; its output is in the message. */
  buildFailed: "IAC7501",
  /** The framework build succeeded but did not leave the output iac deploys (e.g. `.next/standalone`: `withCloud` is missing from next.config). */
  outputMissing: "IAC7502",
  /** The app names a framework iac recognises but does not serve yet: its API is built, its pages are not deployed. */
  notServedYet: "IAC7503",
  /** The framework's build command could not be started (its package is not installed). */
  buildNotStarted: "IAC7504",
  /** `@serverless/cloud/<framework>` or `iac/<framework>` does not resolve from the app: the SDK package is not installed under that name. */
  wrapperUnresolved: "IAC7505",
  /** A framework page imports an SDK interface (`data`, `storage`, `events`, `params`) that the HTTP function's analysed code never uses: the analysis does not read pages, so nothing grants it. */
  pageSdkUnanalysed: "IAC7506",
  /** A package the served build needs beside the framework (SvelteKit's `@sveltejs/adapter-node`, Astro's `@astrojs/node`) is not installed in the app. */
  requiredPackageMissing: "IAC7507",
} as const;
