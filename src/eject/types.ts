/** The public shapes of `eject` (iac/compiler). */
import type { Diagnostic } from "../graph";

export interface EjectOptions {
  /** The folder to write the CDK app to: new, empty, or an earlier eject's. */
  out: string;
  /** The stage whose settings (iac.config) the stack is built with. */
  stage: string;
  /** Undefined lets iac.config decide (default false), as `iac build` does. */
  ephemeral?: boolean;
  /** A tsconfig.json to analyse the app with instead of its own. */
  tsconfig?: string;
}

export interface EjectResult {
  /** False when the app has errors (or the output folder cannot be written); nothing is written then. */
  ok: boolean;
  /** Absolute output folder. */
  outDir: string;
  /** The stack the ejected app makes, `<app>-<stage>`. */
  stackName?: string;
  /** The files written, relative to outDir, sorted. */
  files: string[];
  diagnostics: Diagnostic[];
}
