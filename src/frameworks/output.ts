/**
 * What several frameworks' files share about an app's config and a build's
 * output: the opt-in (a config file imports iac's wrapper) and the usual
 * split of a client folder into its content-hashed part and the rest.
 */
import * as fs from "fs";
import * as path from "path";
import type { FrameworkAssetDir } from "./types";

/** Whether one of the app's config files imports the wrapper, as `@serverless/cloud/<wrapper>` or `iac/<wrapper>`. */
export function configImportsWrapper(appDir: string, configFiles: readonly string[], wrapper: string): boolean {
  const specs = [`@serverless/cloud/${wrapper}`, `iac/${wrapper}`];
  return configFiles.some((file) => {
    try {
      const text = fs.readFileSync(path.join(appDir, file), "utf8");
      return specs.some((spec) => text.includes(spec));
    } catch {
      return false;
    }
  });
}

/**
 * A client folder's static files: its content-hashed subfolder (`hashed`,
 * relative to `client`) cached for a year under the same URL prefix, and the
 * rest of `client` at the site root, without it (and without `exclude`), so
 * each file has one cache setting. Folders the build did not write are left out.
 */
export function clientAssets(appDir: string, client: string, hashed: string, exclude: readonly string[] = []): FrameworkAssetDir[] {
  const assets: FrameworkAssetDir[] = [];
  const hashedDir = `${client}/${hashed}`;
  if (fs.existsSync(path.join(appDir, hashedDir))) assets.push({ dir: hashedDir, urlPrefix: hashed, immutable: true });
  if (fs.existsSync(path.join(appDir, client))) assets.push({ dir: client, urlPrefix: "", immutable: false, exclude: [`${hashed}/**`, ...exclude] });
  return assets;
}
