/**
 * The CLI's first import, before yargs and the compiler load: every module
 * loaded from here on (yargs, the compiler, aws-cdk-lib) compiles from the V8
 * code cache (src/code-cache.ts). A command that will run CDK's template
 * validation re-runs itself under faster V8 flags once its command line is
 * parsed (relaunch.ts, a middleware main registers).
 */
import { enableCodeCache } from "../code-cache";

enableCodeCache();
