/**
 * Heavy modules, loaded only once the credential check passed: toolkit-lib
 * takes about 2.7 s to load and the compiler (typescript, aws-cdk-lib) about
 * 1 s, while "no credentials" must be reported in well under two seconds.
 * `require` rather than `import()`: the CLI is transpiled to CommonJS by
 * esbuild, which keeps `import()` as a native ES import that cannot resolve
 * extension-less paths. The annotated return types keep callers typed.
 */
import type * as ToolkitModule from "./toolkit";
import type * as CompilerModule from "../compiler";
import type * as SequenceModule from "./sequence";

export function loadToolkit(): typeof ToolkitModule {
  return require("./toolkit");
}

export function loadCompiler(): typeof CompilerModule {
  return require("../compiler");
}

/** The deploy sequencer: loads CloudFormation's diff engine, which a failed credential check never needs. */
export function loadSequence(): typeof SequenceModule {
  return require("./sequence");
}
