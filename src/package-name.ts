/**
 * The npm package iac is published as. The registry's `iac` is an unrelated
 * package, so iac ships as `iac-compiler` and apps install it under the
 * alias `iac` (`npm i -D iac@npm:iac-compiler`): `import { api } from "iac"`
 * and the `iac` command keep their names. package.json's `name` must equal
 * PACKAGE_NAME (test/first-hour checks it); `packageRoot` finds the package
 * by it, whatever folder name the alias installs it under.
 */
export const PACKAGE_NAME = "iac-compiler";

/** The name apps import the SDK by and install the package under. */
export const SDK_ALIAS = "iac";

/** The package.json dependency an app declares for iac at `version`: `npm:iac-compiler@^0.1.0`. */
export function aliasSpec(version: string): string {
  return `npm:${PACKAGE_NAME}@^${version}`;
}
