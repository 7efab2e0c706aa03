/**
 * Imported first by the Lambda entry (lambda.ts), so stacks are mapped from
 * the first module the bundle evaluates (see stacks.ts). In the bundle,
 * `__filename` is the bundle itself (synth defines it from the ES module's
 * `import.meta.url`); run from TypeScript sources (tests) there is no bundle
 * and nothing to map.
 */
import { installStackMapping } from "./stacks";

if (/\.[cm]?js$/.test(__filename)) installStackMapping(__filename);
