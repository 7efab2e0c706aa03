/**
 * The CLI's first import: every module loaded after it (yargs, the compiler,
 * aws-cdk-lib) compiles from the V8 code cache (src/code-cache.ts), which
 * `synth` saves after it has run.
 */
import { enableCodeCache } from "../code-cache";

enableCodeCache();
