/**
 * Imported first by the Lambda entry (lambda.ts), so stacks are mapped from
 * the first module the bundle evaluates (see stacks.ts). In the bundle,
 * `__filename` is the bundle itself (esbuild's CommonJS output keeps Node's
 * module variable); run from TypeScript sources (tests) there is no bundle
 * and nothing to map.
 */
import { installStackMapping } from "./stacks";

if (__filename.endsWith(".js")) installStackMapping(__filename);
