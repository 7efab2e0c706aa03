/**
 * The edge settings as an app writes them, per stage in iac.config, through
 * `build` into the template; and the config check's answer to bad values.
 * (The defaults and each setting's effect: edge.test.ts.)
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { build } from "../../src/compiler";

const SOURCE = [
  'import { api, data, storage } from "iac";',
  'api.get("/n", async (req, res) => res.json(await data.get("note:1")));',
  'api.get("/up", async (req, res) => res.json({ url: await storage.getUploadUrl("uploads/x.png") }));',
  "",
].join("\n");

function app(config: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iac-edge-settings-"));
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "notes", main: "index.ts" }));
  fs.writeFileSync(path.join(dir, "index.ts"), SOURCE);
  fs.writeFileSync(path.join(dir, "iac.config.ts"), `import { defineConfig } from "iac/compiler";\nexport default defineConfig(${config});\n`);
  return dir;
}

function resources(templatePath: string): Record<string, { Type: string; Properties: Record<string, any> }> {
  return JSON.parse(fs.readFileSync(templatePath, "utf8")).Resources;
}

function ofType(templatePath: string, type: string): Record<string, any>[] {
  return Object.values(resources(templatePath))
    .filter((r) => r.Type === type)
    .map((r) => r.Properties);
}

test("defaults for every stage, overridden per stage (globs, then the exact name)", async () => {
  const dir = app(`{
    defaults: { throttle: { rateLimit: 20 }, corsOrigins: ["https://admin.example.com"] },
    stages: {
      prod: { throttle: { burstLimit: 40 }, securityHeaders: { frameOptions: "DENY" }, deletionProtection: true },
      "pr-*": { ephemeral: true, storageVersioning: true, noncurrentVersionDays: 3 },
    },
  }`);
  const prod = await build(dir, { stage: "prod", outDir: path.join(dir, "prod") });
  if (!prod.ok) throw new Error(JSON.stringify(prod.diagnostics));
  expect(ofType(prod.templatePath, "AWS::ApiGatewayV2::Stage")[0].DefaultRouteSettings).toEqual({ ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 });
  const policy = ofType(prod.templatePath, "AWS::CloudFront::ResponseHeadersPolicy").find(
    (p) => p.ResponseHeadersPolicyConfig?.SecurityHeadersConfig?.FrameOptions !== undefined,
  );
  expect(policy?.ResponseHeadersPolicyConfig.SecurityHeadersConfig.FrameOptions.FrameOption).toBe("DENY");
  expect(JSON.stringify(ofType(prod.templatePath, "Custom::AWS")[0].Create)).toContain("https://admin.example.com");
  expect(resources(prod.templatePath).Table.Properties.DeletionProtectionEnabled).toBe(true);

  const pr = await build(dir, { stage: "pr-7", outDir: path.join(dir, "pr") });
  if (!pr.ok) throw new Error(JSON.stringify(pr.diagnostics));
  expect(pr.ephemeral).toBe(true);
  // The ephemeral default burst (200) under the config's own rate.
  expect(ofType(pr.templatePath, "AWS::ApiGatewayV2::Stage")[0].DefaultRouteSettings).toEqual({ ThrottlingRateLimit: 20, ThrottlingBurstLimit: 200 });
  expect(resources(pr.templatePath).Bucket.Properties.VersioningConfiguration).toEqual({ Status: "Enabled" });
  expect(resources(pr.templatePath).Bucket.Properties.LifecycleConfiguration.Rules[0].NoncurrentVersionExpiration).toEqual({ NoncurrentDays: 3 });
  expect(resources(pr.templatePath).Table.Properties.DeletionProtectionEnabled).toBe(false);
});

test("bad values are located in iac.config, with the range or the nearest valid value", async () => {
  const dir = app(`{
    stages: { prod: {
      throttle: { rateLimit: -1, burst: 5 },
      corsOrigins: ["*", "https://ok.example.com/path"],
      securityHeaders: { referrerPolicy: "strict-origin-when-crossorigin", frameOptions: "ALLOW" },
      storageVersioning: "yes",
    } },
  }`);
  const r = await build(dir, { stage: "prod", outDir: path.join(dir, "out") });
  expect(r.ok).toBe(false);
  const messages = r.diagnostics.filter((d) => d.code === "IAC8103").map((d) => `${d.message}${d.hint ? ` (${d.hint})` : ""}`);
  expect(messages).toEqual(
    expect.arrayContaining([
      expect.stringContaining('stages["prod"].throttle.rateLimit must be a number of requests per second above 0'),
      expect.stringContaining('unknown setting stages["prod"].throttle.burst (known: rateLimit, burstLimit)'),
      expect.stringMatching(/stages\["prod"\]\.corsOrigins must be a list of origins .*"\*" is not accepted/),
      expect.stringContaining('did you mean "strict-origin-when-cross-origin"?'),
      expect.stringContaining('stages["prod"].securityHeaders.frameOptions must be "DENY" or "SAMEORIGIN"'),
      expect.stringContaining('stages["prod"].storageVersioning must be true or false'),
    ]),
  );
  for (const d of r.diagnostics.filter((x) => x.code === "IAC8103")) expect(d.location?.file).toBe("iac.config.ts");
});
