/**
 * The CLI's first import, before yargs and the compiler load:
 * - a command that will run CDK's template validation re-runs itself under
 *   the V8 flags that make it fast (relaunch.ts), and exits with its code;
 * - otherwise every module loaded from here on (yargs, the compiler,
 *   aws-cdk-lib) compiles from the V8 code cache (src/code-cache.ts), which
 *   `synth` saves after it has run.
 */
import { enableCodeCache } from "../code-cache";
import { relaunchForValidation } from "./relaunch";

const relaunched = relaunchForValidation(process.argv.slice(2));
if (relaunched !== undefined) process.exit(relaunched);
enableCodeCache();
