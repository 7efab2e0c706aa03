/**
 * Shared by the eject tests: ejects an app into a temporary folder whose
 * node_modules links this repo's aws-cdk-lib, constructs, TypeScript and
 * the iac package itself (as an app installs it, under the alias `iac`),
 * synthesizes the ejected app in a child process (test/eject/run-ts.js, as
 * `cdk synth` would) and compares its template with `iac build`'s for the
 * same stage, with CDK's own CloudFormation diff.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { fullDiff } from "@aws-cdk/cloudformation-diff";
import { build, eject, type EjectResult } from "../../src/compiler";

export const ROOT = path.resolve(__dirname, "..", "..");
/** A stage of the tests' own, so their bundles (`.iac/bundles/<stage>`) never meet another test's. */
export const STAGE = "eject";

export function listApps(folder: "examples" | "templates" | "test/apps"): string[] {
  const dir = path.join(ROOT, folder);
  // An app is a folder with a package.json (templates/ also holds the CI workflow's folder), as iac init lists them.
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(dir, e.name, "package.json")))
    .map((e) => path.join(dir, e.name))
    .sort();
}

/** A temporary folder for ejected projects, with the packages they import linked in its node_modules. */
export function tempRoot(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "iac-eject-test-"));
  const modules = path.join(root, "node_modules");
  fs.mkdirSync(modules);
  for (const pkg of ["aws-cdk-lib", "constructs", "@types", "typescript", "ts-node"])
    fs.symlinkSync(path.join(ROOT, "node_modules", pkg), path.join(modules, pkg));
  fs.symlinkSync(ROOT, path.join(modules, "iac"));
  return root;
}

export interface Compared {
  ejected: EjectResult;
  /** Resource and output changes between iac's template and the ejected app's, as `cdk diff` counts them. */
  resourceChanges: number;
  outputChanges: number;
  identical: boolean;
  /** What went wrong before a diff could be made. */
  failure?: string;
}

export async function ejectAndCompare(appDir: string, root: string, stage = STAGE): Promise<Compared> {
  const name = `${path
    .relative(ROOT, appDir)
    .replace(/[\\/]/g, "_")
    .replace(/^[._]+/, "")}-${stage}`;
  const built = await build(appDir, { stage, outDir: path.join(root, "iac-out", name) });
  const out = path.join(root, name);
  const ejected = await eject(appDir, { out, stage });
  const none = { ejected, resourceChanges: -1, outputChanges: -1, identical: false };
  if (!built.ok) return { ...none, failure: `iac build failed: ${JSON.stringify(built.diagnostics)}` };
  if (!ejected.ok) return { ...none, failure: `eject failed: ${JSON.stringify(ejected.diagnostics)}` };
  const synth = synthEjected(root, out);
  if (synth.failure !== undefined) return { ...none, failure: synth.failure };
  const ours = JSON.parse(fs.readFileSync(built.templatePath, "utf8"));
  const theirs = JSON.parse(fs.readFileSync(path.join(out, "cdk.out", path.basename(built.templatePath)), "utf8"));
  const diff = fullDiff(ours, theirs);
  return {
    ejected,
    resourceChanges: diff.resources.differenceCount,
    outputChanges: diff.outputs.differenceCount,
    identical: JSON.stringify(ours) === JSON.stringify(theirs),
  };
}

/** Runs the ejected app's bin/app.ts offline (no credentials, CDK's template validation off as iac build has it). */
export function synthEjected(root: string, dir: string): { failure?: string } {
  fs.rmSync(path.join(dir, "cdk.out"), { recursive: true, force: true });
  const run = spawnSync(process.execPath, [path.join(__dirname, "run-ts.js"), "bin/app.ts"], {
    cwd: dir,
    encoding: "utf8",
    timeout: 120_000,
    // NODE_PATH: iac.config.ts, which the app's folder holds, imports `iac/compiler` as an app that installed iac would.
    env: { ...process.env, CDK_OUTDIR: path.join(dir, "cdk.out"), CDK_VALIDATION: "false", NODE_PATH: path.join(root, "node_modules") },
  });
  return run.status === 0 ? {} : { failure: `the ejected app failed (exit ${run.status}):\n${run.stderr}` };
}

/**
 * Type-checks every ejected project under `root` in one tsc run, with the
 * projects' own compiler options except module resolution: `iac/compiler`
 * is mapped to this repo's source, whose dynamic imports node16 resolution
 * would read as ES imports (an installed iac ships declaration files instead).
 */
export function typeCheck(root: string, projects: string[]): { status: number | null; output: string } {
  const config = {
    extends: path.join(projects[0], "tsconfig.json"),
    compilerOptions: {
      module: "commonjs",
      moduleResolution: "node10",
      ignoreDeprecations: "6.0",
      baseUrl: ".",
      paths: { "iac/compiler": [path.join(ROOT, "src", "compiler.ts")] },
      typeRoots: [path.join(ROOT, "node_modules", "@types")],
    },
    include: projects.flatMap((p) => [`${path.relative(root, p)}/bin/**/*.ts`, `${path.relative(root, p)}/lib/**/*.ts`]),
  };
  const file = path.join(root, "tsconfig.check.json");
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
  const run = spawnSync(process.execPath, [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", file, "--noEmit"], {
    cwd: root,
    encoding: "utf8",
    timeout: 300_000,
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** Every file of an ejected project (not node_modules or cdk.out), with its content. */
export function snapshotFiles(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.name === "node_modules" || e.name === "cdk.out") continue;
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out[path.relative(dir, full)] = fs.readFileSync(full, "utf8");
    }
  };
  walk(dir);
  return out;
}

/**
 * The tests every ejected app must pass, for `apps`: each ejects and diffs
 * empty against `iac build`, then all of them type-check in one `tsc` run.
 * Returns the folder the projects are ejected into (removed after the file).
 */
export function defineEjectSuite(apps: readonly string[]): string {
  const root = tempRoot();
  const ejected: string[] = [];
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  test.each(apps.map((a) => [path.relative(ROOT, a), a]))(
    "%s: the ejected app's template has no resource changes against iac's",
    async (_name, app) => {
      const result = await ejectAndCompare(app, root);
      expect(result.failure).toBeUndefined();
      ejected.push(result.ejected.outDir);
      expect({ resourceChanges: result.resourceChanges, outputChanges: result.outputChanges }).toEqual({ resourceChanges: 0, outputChanges: 0 });
    },
    180_000,
  );

  test("the ejected projects type-check with tsc", () => {
    expect(ejected.length).toBe(apps.length);
    const result = typeCheck(root, ejected);
    expect(result.output).toBe("");
    expect(result.status).toBe(0);
  }, 300_000);
  return root;
}
