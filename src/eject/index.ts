/**
 * src/eject: `iac eject`. App folder and stage in; a standalone AWS CDK app
 * in TypeScript out (bin/app.ts, lib/<app>-stack.ts, lib/app-function.ts,
 * package.json, tsconfig.json, cdk.json, README.md).
 *
 * Steps: analyse the app and apply its iac.config stage (as `iac build`),
 * build iac's own construct tree for the stage and read it back as plain
 * data (model.ts, the one place here that loads aws-cdk-lib), print the
 * stack from it with ts-morph (stack/, print.ts), write the files.
 * Invariants:
 * - the ejected stack makes iac's construct paths, so CDK derives iac's
 *   logical IDs (the table and bucket are pinned, as iac pins them);
 *   test/eject diffs the two templates for every example and test app;
 * - deterministic: the same app, stage and output folder write the same
 *   bytes (no clock, sorted imports and files);
 * - nothing is written unless everything was generated; an output folder
 *   is only ever overwritten when an earlier eject wrote it (`.iac-eject.json`).
 * ts-morph and aws-cdk-lib load with this module, never with the rest of iac.
 */
import * as fs from "fs";
import * as path from "path";
import { appDirProblem } from "../app-dir";
import { type LibraryModule, loadConfig, prepareStage, readIdentity, settingsFor } from "../config";
import { hasErrors, sortDiagnostics, type AppGraph, type Diagnostic } from "../graph";
import { posixPath } from "../posix-path";
import { stageNameProblem } from "../stage";
import { packageRoot } from "../synth/paths";
import { EJECT_CODES } from "./codes";
import { Imports } from "./code";
import { buildModel } from "./model";
import { printTypeScript } from "./print";
import { appFile, cdkJson, gitignore, packageJson, tsconfigJson, type HooksToRun, type Versions } from "./project";
import { readme } from "./readme";
import { appFunctionFile } from "./stack/functions";
import { printStack } from "./stack";
import type { EjectOptions, EjectResult } from "./types";
import { StructureKind } from "ts-morph";

export type { EjectOptions, EjectResult } from "./types";

const MARKER = ".iac-eject.json";

/** What eject needs of the library (src/compiler.ts passes itself): `analyze`, and the module an iac.config's `iac/compiler` import gets. */
export interface EjectLibrary {
  analyze(dir: string, options: { tsconfig?: string }): Promise<{ ok: boolean; graph: AppGraph; diagnostics: Diagnostic[] }>;
  module: LibraryModule;
}

export async function ejectApp(dir: string, options: EjectOptions, library: EjectLibrary): Promise<EjectResult> {
  const appDir = path.resolve(dir);
  const outDir = path.resolve(options.out);
  const fail = (diagnostics: Diagnostic[]): EjectResult => ({ ok: false, outDir, files: [], diagnostics: sortDiagnostics(diagnostics) });
  const badStage = stageNameProblem(options.stage);
  if (badStage) return fail([badStage]);
  const missing = appDirProblem(appDir);
  if (missing) return fail([missing]);
  const outProblem = checkOutDir(appDir, outDir);
  if (outProblem) return fail([outProblem]);

  const config = loadConfig(appDir, library.module);
  if (hasErrors(config.diagnostics)) return fail(config.diagnostics);
  const analysis = await library.analyze(appDir, { tsconfig: options.tsconfig });
  if (!analysis.ok) return fail([...config.diagnostics, ...analysis.diagnostics]);
  const stage = await prepareStage(config.loaded, analysis.graph, { appDir, stage: options.stage, ephemeral: options.ephemeral });
  const diagnostics = [...config.diagnostics, ...analysis.diagnostics, ...stage.diagnostics];
  if (hasErrors(stage.diagnostics)) return fail(diagnostics);

  const model = buildModel({
    graph: stage.graph,
    appDir,
    stage: options.stage,
    ephemeral: stage.ephemeral,
    edge: stage.edge,
    domain: stage.domain,
    appId: readIdentity(appDir).identity?.id,
  });
  const appDirFromOut = posixPath(path.relative(outDir, appDir));
  let hooks: HooksToRun | undefined;
  const loaded = config.loaded;
  if (loaded && (loaded.hooks.stack || loaded.hooks.function)) {
    if (/\.(ts|js)$/.test(loaded.file)) {
      const fromBin = posixPath(path.relative(path.join(outDir, "bin"), path.join(appDir, loaded.file.replace(/\.(ts|js)$/, ""))));
      hooks = {
        importPath: fromBin.startsWith(".") ? fromBin : `./${fromBin}`,
        stack: !!loaded.hooks.stack,
        function: !!loaded.hooks.function,
        settings: settingsFor(loaded.config, options.stage),
      };
    } else {
      diagnostics.push({
        code: EJECT_CODES.hooksNotCarried,
        severity: "warning",
        location: { file: loaded.file, line: 1, column: 1 },
        message: `the stack and function hooks of ${loaded.file} are not run by the ejected app`,
        hint: "move them into the ejected stack (lib/), or rename the config to iac.config.ts and eject again",
      });
    }
  }

  const stack = printStack(model);
  const stackFile = `${model.graph.app.name}-stack`;
  const fnImports = new Imports();
  const fn = appFunctionFile(fnImports);
  const ts = printTypeScript([
    {
      path: "bin/app.ts",
      header: `The CDK app of ${model.graph.app.name}'s stage ${model.stage}, ejected from iac: \`npx cdk synth\` runs it (cdk.json).`,
      statements: appFile({ model, className: stack.className, stackFile: `../lib/${stackFile}`, appDirFromOut, hooks }),
    },
    {
      path: `lib/${stackFile}.ts`,
      header: `The stack of ${model.graph.app.name}'s stage ${model.stage}, as iac built it (README.md says what came from where).`,
      statements: stack.statements,
    },
    {
      path: "lib/app-function.ts",
      header: fn.docs,
      statements: [...fnImports.structures().map((s) => ({ kind: StructureKind.ImportDeclaration as const, ...s })), fn.statements],
    },
  ]);
  const files = new Map<string, string>([
    ...ts,
    ["package.json", packageJson(model, versions())],
    ["tsconfig.json", tsconfigJson(commonRoot(outDir, appDir))],
    ["cdk.json", cdkJson()],
    [".gitignore", gitignore()],
    ["README.md", readme(model, stackFile, stack.className, appDirFromOut, hooks !== undefined)],
  ]);
  const written = writeFiles(outDir, files, { app: model.graph.app.name, stage: options.stage });
  return { ok: true, outDir, stackName: model.stackName, files: written, diagnostics: sortDiagnostics(diagnostics) };
}

/** The folder holding both the project and the app, relative to the project (`..` for `--out infra`). */
function commonRoot(outDir: string, appDir: string): string {
  let dir = appDir;
  while (path.relative(dir, outDir).startsWith("..")) dir = path.dirname(dir);
  return posixPath(path.relative(outDir, dir)) || ".";
}

function checkOutDir(appDir: string, outDir: string): Diagnostic | undefined {
  const rel = path.relative(appDir, outDir);
  if (rel === "" || rel === ".iac" || rel.startsWith(`.iac${path.sep}`)) {
    return {
      code: EJECT_CODES.outDirInvalid,
      severity: "error",
      message: `${outDir} is the app's own folder or iac's working folder`,
      hint: "choose a new folder with --out, e.g. --out infra",
    };
  }
  if (!fs.existsSync(outDir)) return undefined;
  if (!fs.statSync(outDir).isDirectory()) return { code: EJECT_CODES.outDirInvalid, severity: "error", message: `${outDir} is not a folder` };
  const entries = fs.readdirSync(outDir).filter((e) => e !== "node_modules" && e !== "cdk.out");
  if (entries.length === 0 || entries.includes(MARKER)) return undefined;
  return {
    code: EJECT_CODES.outDirNotEmpty,
    severity: "error",
    message: `${outDir} is not empty and was not written by iac eject; refusing to overwrite it`,
    hint: "choose a new folder with --out",
  };
}

/** Writes every file, removes those an earlier eject wrote that this one does not, and records the list. */
function writeFiles(outDir: string, files: Map<string, string>, about: { app: string; stage: string }): string[] {
  const names = [...files.keys()].sort();
  const markerFile = path.join(outDir, MARKER);
  const before: unknown = fs.existsSync(markerFile) ? JSON.parse(fs.readFileSync(markerFile, "utf8")) : undefined;
  const previous =
    typeof before === "object" && before !== null && "files" in before && Array.isArray(before.files)
      ? before.files.filter((f: unknown): f is string => typeof f === "string")
      : [];
  for (const name of names) {
    const file = path.join(outDir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, files.get(name) ?? "");
  }
  for (const stale of previous) {
    if (!files.has(stale) && !stale.includes("..")) fs.rmSync(path.join(outDir, stale), { force: true });
  }
  fs.writeFileSync(markerFile, `${JSON.stringify({ ...about, files: names }, null, 2)}\n`);
  return names;
}

/** The versions the ejected project pins: the ones this iac is built and tested with. */
function versions(): Versions {
  const manifest: unknown = JSON.parse(fs.readFileSync(path.join(packageRoot(), "package.json"), "utf8"));
  const dep = (name: string): string => {
    for (const field of ["dependencies", "devDependencies"]) {
      const deps = isRecord(manifest) ? manifest[field] : undefined;
      const v = isRecord(deps) ? deps[name] : undefined;
      if (typeof v === "string") return v;
    }
    throw new Error(`internal: iac's package.json does not pin ${name}`);
  };
  const version = isRecord(manifest) && typeof manifest.version === "string" ? manifest.version : "0.0.0";
  return {
    iac: version,
    awsCdkLib: dep("aws-cdk-lib"),
    constructs: dep("constructs"),
    typescript: dep("typescript"),
    typesNode: dep("@types/node"),
    tsNode: dep("ts-node"),
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
