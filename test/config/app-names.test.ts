/**
 * The reserved params' names (docs/sdk.md params.app-name, params.org-name),
 * one rule for synth's environment and the local instance's params.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { appName, appOrg } from "../../src/config/app-names";
import { readLocalParams } from "../../src/local/params";

function appWith(manifest: unknown | undefined, folder = "my-app"): string {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "iac-names-")), folder);
  fs.mkdirSync(dir);
  if (manifest !== undefined) fs.writeFileSync(path.join(dir, "package.json"), typeof manifest === "string" ? manifest : JSON.stringify(manifest));
  return dir;
}

test("ORG_NAME: package.json iac.org, else the npm scope of its name, else the app's name", () => {
  expect(appOrg(appWith({ name: "@acme/shop", iac: { org: " Acme Inc " } }), "shop")).toBe("Acme Inc");
  expect(appOrg(appWith({ name: "@acme/shop" }), "shop")).toBe("acme");
  expect(appOrg(appWith({ name: "@acme/shop", iac: { org: "" } }), "shop")).toBe("acme");
  expect(appOrg(appWith({ name: "shop" }), "shop")).toBe("shop");
  expect(appOrg(appWith(undefined), "my-app")).toBe("my-app");
  expect(appOrg(appWith("{ not json"), "my-app")).toBe("my-app");
});

test("APP_NAME: package.json name without its scope, else the folder's, in [a-z0-9-]", () => {
  expect(appName("@acme/Shop_Front", "/x/y")).toBe("shop-front");
  expect(appName(undefined, "/apps/My App")).toBe("my-app");
  expect(appName("@@@", "/x")).toBe("app");
});

test("the local instance's reserved params follow the same rules as a deployed stage's", () => {
  const dir = appWith({ name: "@acme/Shop" }, "checkout");
  expect(readLocalParams({ appDir: dir, appName: "@acme/Shop", stage: "local", url: "http://127.0.0.1:3000" }, {})).toEqual({
    APP_NAME: "shop",
    INSTANCE_NAME: "local",
    ORG_NAME: "acme",
    CLOUD_URL: "http://127.0.0.1:3000",
  });
});
