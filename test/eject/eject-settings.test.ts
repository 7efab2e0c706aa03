/**
 * Stage settings shape what iac builds, and the ejected stack follows them:
 * an app (the media example, copied) with an iac.config of a custom domain,
 * no security headers, extra CORS origins, throttling, smaller functions,
 * no versioning or deletion protection, and ephemeral `pr-*` stages ejects
 * to a template with no resource changes against `iac build`'s, per stage.
 */
import * as fs from "fs";
import * as path from "path";
import { ejectAndCompare, ROOT, tempRoot } from "./support";

const root = tempRoot();
const app = path.join(root, "media-settings");

beforeAll(() => {
  fs.cpSync(path.join(ROOT, "examples", "media"), app, { recursive: true, filter: (src) => !/[\\/](\.iac|cdk\.out)$/.test(src) });
  fs.writeFileSync(
    path.join(app, "iac.config.ts"),
    [
      'import { defineConfig } from "iac/compiler";',
      "",
      "export default defineConfig({",
      "  stages: {",
      "    custom: {",
      '      domain: { name: "media.example.com", certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc" },',
      "      securityHeaders: false,",
      '      corsOrigins: ["https://admin.example.com"],',
      "      throttle: { rateLimit: 10, burstLimit: 20 },",
      "      storageVersioning: false,",
      "      deletionProtection: false,",
      "      logRetentionDays: 7,",
      "      memoryMb: 512,",
      "    },",
      '    "pr-*": { ephemeral: true },',
      "  },",
      "});",
      "",
    ].join("\n"),
  );
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const outs = new Map<string, string>();

test.each(["custom", "pr-7"])(
  "stage %s: no resource changes against iac's template",
  async (stage) => {
    const result = await ejectAndCompare(app, root, stage);
    expect(result.failure).toBeUndefined();
    outs.set(stage, result.ejected.outDir);
    expect({ resourceChanges: result.resourceChanges, outputChanges: result.outputChanges }).toEqual({ resourceChanges: 0, outputChanges: 0 });
  },
  180_000,
);

test("the stage's settings are in the ejected stack as literal code", () => {
  const custom = fs.readFileSync(path.join(outs.get("custom") ?? "", "lib", "media-stack.ts"), "utf8");
  expect(custom).toContain('cdn.addPropertyOverride("DistributionConfig.Aliases", ["media.example.com"]);');
  expect(custom).toMatch(
    /AllowedOrigins: \[`https:\/\/\$\{distribution\.distributionDomainName\}`, "https:\/\/admin\.example\.com", "https:\/\/media\.example\.com"\]/,
  );
  expect(custom).toContain("apiStage.defaultRouteSettings = { throttlingRateLimit: 10, throttlingBurstLimit: 20 };");
  expect(custom).not.toContain('ResponseHeadersPolicy(this, "SecurityHeaders"');
  expect(custom).toContain("memorySize: 512,");
  const pr = fs.readFileSync(path.join(outs.get("pr-7") ?? "", "lib", "media-stack.ts"), "utf8");
  expect(pr).toContain("autoDeleteObjects: true,");
  expect(pr).toContain("cachePolicy: CachePolicy.CACHING_DISABLED,");
});
