/**
 * What the SDK is, by name: the module specifiers that import it and the
 * value exports it has. A leaf module: the program loader (which must not
 * follow the SDK as an app module) and the resolver both read it.
 */

/** Module names that are the SDK. `@serverless/cloud` is the older platform's name for it. */
export const SDK_MODULES: ReadonlySet<string> = new Set(["iac", "@serverless/cloud"]);

/** The SDK module's value exports (src/runtime/index.ts); any other name of it is undefined at run time. */
export const SDK_EXPORTS: ReadonlySet<string> = new Set(["api", "data", "events", "http", "logs", "params", "schedule", "storage", "default"]);
