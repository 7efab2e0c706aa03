/**
 * Where the iac package lives, found by walking up from this file to the
 * package.json named PACKAGE_NAME (`iac-compiler`; apps may install it under
 * the alias `iac`, so the folder name says nothing). Works from `src/synth` (tests, ts-node) and from
 * `dist/synth` (the CLI runs transpiled JS), so bundles always alias the SDK
 * to the TypeScript sources in `<root>/src/runtime`, which ship in the package.
 */
import * as fs from "fs";
import * as path from "path";
import { PACKAGE_NAME } from "../package-name";

let cached: string | undefined;

export function packageRoot(): string {
  if (cached) return cached;
  let dir = __dirname;
  for (;;) {
    const manifest = path.join(dir, "package.json");
    if (fs.existsSync(manifest) && readName(manifest) === PACKAGE_NAME) return (cached = dir);
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`internal: no package.json named "${PACKAGE_NAME}" above ${__dirname}`);
    dir = parent;
  }
}

function readName(manifest: string): unknown {
  const parsed: unknown = JSON.parse(fs.readFileSync(manifest, "utf8"));
  return typeof parsed === "object" && parsed !== null && "name" in parsed ? parsed.name : undefined;
}

/** `src/runtime/index.ts`: what `iac` and `@serverless/cloud` resolve to in bundles. */
export function runtimeIndexPath(): string {
  return path.join(packageRoot(), "src", "runtime", "index.ts");
}

/** `src/runtime/lambda.ts`: exports the Lambda `handler`. */
export function runtimeLambdaPath(): string {
  return path.join(packageRoot(), "src", "runtime", "lambda.ts");
}
