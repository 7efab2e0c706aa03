/**
 * What the conformance app is, for the statements that check its identity
 * and params, and for each path's set-up: the generated app's package.json
 * and local params (iac test, embedded), the SSM stand-in (aws).
 */
export const FIXTURE = {
  /** package.json `name`: APP_NAME is `sdk-conformance`, ORG_NAME its scope `acme` (no `iac.org` set). */
  packageName: "@acme/sdk-conformance",
  appName: "sdk-conformance",
  /** The local stage `iac test` (given `--stage`) and the embedded path run as: its params are `.iac/<stage>/params.json`. */
  localStage: "sandbox",
  org: "acme",
  /** The stage's params; API_TOKEN is a secret (SecureString in SSM, `--secret` locally). */
  params: { GREETING: "hello from the stage", API_TOKEN: "s3cr3t-t0ken" },
  secretParams: ["API_TOKEN"],
  /** The app's data.json, loaded into every iac test file's instance. */
  dataJson: [
    { key: "seeded:greeting", value: { text: "from data.json" }, label1: "kind:greeting" },
    { key: "seeded:count", value: 3 },
  ],
};
