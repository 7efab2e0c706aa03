/**
 * What an ejected CDK app calls to bundle the app's handlers: iac's own
 * bundler (synth/bundle.ts, esbuild) on the same inputs and into the same
 * folder (`<app>/.iac/bundles/<stage>`) as `iac build`, so the bundle and
 * its asset hash are byte-identical and a takeover deploys no new code.
 * Loads neither ts-morph nor aws-cdk-lib.
 */
import * as path from "path";
import { hasErrors } from "../graph";
import { bundleFunctions } from "../synth/bundle";

export interface HandlerBundleRequest {
  /** The app's folder. */
  appDir: string;
  /** The stage: the bundle goes to `<appDir>/.iac/bundles/<stage>`, where `iac build` puts it. */
  stage: string;
  /** The app's entry module, relative to appDir. */
  entry: string;
  /** The function ids (`iac graph`); every function runs the one bundle. */
  functions: string[];
  /** Files under static/ the http function serves itself (404.html, 500.html, the http.on(404) page). */
  pages?: string[];
  /** Folders the http function serves itself (api.static, http.static), relative to appDir. */
  folders?: string[];
}

export interface HandlerBundle {
  /** The bundle's folder: `Code.fromAsset(dir, { assetHash: hash, assetHashType: AssetHashType.CUSTOM })`. */
  dir: string;
  /** sha256 of the bundle's files. */
  hash: string;
}

/** Bundles the app's handlers as `iac build` does; throws with the bundler's messages when it cannot. */
export async function bundleHandlers(req: HandlerBundleRequest): Promise<HandlerBundle> {
  const appDir = path.resolve(req.appDir);
  const result = await bundleFunctions({
    appDir,
    entry: req.entry,
    functions: req.functions,
    pages: req.pages,
    folders: req.folders,
    outDir: path.join(appDir, ".iac", "bundles", req.stage),
  });
  const first = result.functions[0];
  if (hasErrors(result.diagnostics) || !first) {
    const lines = result.diagnostics.map(
      (d) => `${d.location ? `${d.location.file}:${d.location.line}:${d.location.column} ` : ""}${d.severity} ${d.code} ${d.message}`,
    );
    throw new Error(`the app's handlers could not be bundled:\n${lines.join("\n")}`);
  }
  return { dir: first.dir, hash: first.hash };
}
