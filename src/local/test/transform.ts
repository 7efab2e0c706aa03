/**
 * The Jest transformer `iac test` uses for app code, test files and the
 * runtime sources: esbuild turns TypeScript and ES modules (`.mjs`, `.mts`,
 * `"type": "module"` packages alike) into CommonJS with a source map (Jest
 * maps stack traces and coverage through it). No type checking (that is
 * `tsc`'s job) and one file at a time, so it is fast.
 *
 * Files that call `jest.mock` & co. then go through Babel with
 * `babel-plugin-jest-hoist` (what babel-jest and ts-jest do), so the mocks
 * are registered before the file's `require`s, which esbuild puts at the top.
 * Babel merges esbuild's source map, so stacks still point at the source.
 * Both come with Jest (jest-config -> babel-jest -> babel-preset-jest), and
 * are loaded only when a file needs them.
 *
 * `import.meta.url`, `.filename`, `.dirname` and `.resolve()` work (from the
 * CommonJS module's `__filename` and `require.resolve`).
 *
 * Top-level `await` (which esbuild refuses to turn into CommonJS): such a
 * file goes through the TypeScript compiler's `transpileModule` instead
 * (loaded only for these files), whose CommonJS output keeps each `await` in
 * place (`exports.x = void 0` hoisted, `exports.x = await ...` where the
 * declaration was), and its body is run inside an async function. The
 * module's `require` returns at its first `await`; the body's promise goes
 * into a global set (`PENDING_MODULES_KEY`) that `setup.ts` awaits after
 * loading the app's entry, before the file's tests, so a rejection fails the
 * file naming the module. Importers read the module's exports live (`m.x`
 * at each use), so they see the values once it has finished. The limit: an
 * importer that reads such a value while it is itself loading (at its own
 * top level, not in a handler or function) runs before the awaited module
 * finished and sees `undefined`; native ES modules would have waited. Jest
 * also requires a test file's `test()`s to be defined synchronously, so a
 * test file cannot define tests after a top-level `await`.
 *
 * Jest loads this file as plain JS from `dist/`, through its interop that
 * reads the default export.
 */
import { createHash } from "crypto";
import { transformSync, version as esbuildVersion, type Loader } from "esbuild";
import * as fs from "fs";
import { createRequire } from "module";
import * as path from "path";
import type * as TypeScript from "typescript";
import { PENDING_MODULES_KEY } from "./env";

interface TransformResult {
  code: string;
  map: string;
}

interface SourceMap {
  version: number;
  sources: string[];
  mappings: string;
  names: string[];
}

function loaderFor(file: string): Loader {
  switch (path.extname(file)) {
    case ".ts":
    case ".mts":
    case ".cts":
      return "ts";
    case ".tsx":
      return "tsx";
    case ".jsx":
      return "jsx";
    case ".json":
      return "json";
    default:
      return "js";
  }
}

/** The calls babel-plugin-jest-hoist lifts (and `@jest/globals`, whose `jest` it must see). */
const NEEDS_HOIST = /\bjest\s*\.\s*(?:mock|unmock|deepUnmock|enableAutomock|disableAutomock)\s*\(/;

const IMPORT_META = "__iac_import_meta";
const IMPORT_META_BANNER =
  `var ${IMPORT_META} = { url: require("url").pathToFileURL(__filename).href, filename: __filename, dirname: __dirname, ` +
  `resolve: (specifier) => require("url").pathToFileURL(require.resolve(specifier)).href };`;

function process(sourceText: string, sourcePath: string): TransformResult {
  const usesImportMeta = sourceText.includes("import.meta");
  let result: TransformResult;
  try {
    result = transformSync(sourceText, {
      loader: loaderFor(sourcePath),
      format: "cjs",
      platform: "node",
      target: "node20",
      // `import()` of a test's dependency must stay in Jest's module registry (and its mocks).
      supported: { "dynamic-import": false },
      ...(usesImportMeta ? { define: { "import.meta": IMPORT_META }, banner: IMPORT_META_BANNER } : {}),
      sourcemap: true,
      sourcefile: sourcePath,
      sourcesContent: false,
      logLevel: "silent",
    });
  } catch (error) {
    if (!isTopLevelAwaitFailure(error)) throw new Error(explainTransformFailure(error, sourcePath));
    result = transformTopLevelAwait(sourceText, sourcePath);
  }
  if (!NEEDS_HOIST.test(sourceText)) return { code: result.code, map: result.map };
  return hoistJestCalls(result.code, JSON.parse(result.map) as SourceMap, sourcePath);
}

function isTopLevelAwaitFailure(error: unknown): boolean {
  return /top-level await/i.test(error instanceof Error ? error.message : String(error));
}

let typescript: typeof TypeScript | undefined;

function loadTypeScript(): typeof TypeScript {
  typescript ??= createRequire(__filename)("typescript") as typeof TypeScript;
  return typescript;
}

/** `import.meta` with an identifier of the same length, so columns (and the source map) stay true. */
const IMPORT_META_SAME_LENGTH = "__iac_imeta";

/**
 * A module with top-level `await` as CommonJS whose body runs in an async
 * function registered in the global pending set (see the header).
 */
function transformTopLevelAwait(sourceText: string, sourcePath: string): TransformResult {
  const ts = loadTypeScript();
  const usesImportMeta = /\bimport\.meta\b/.test(sourceText);
  const text = usesImportMeta ? sourceText.replace(/\bimport\.meta\b/g, IMPORT_META_SAME_LENGTH) : sourceText;
  // TypeScript emits .mts/.mjs as ES modules whatever `module` says: give it the CommonJS extension.
  const ext = path.extname(sourcePath);
  const asFile = sourcePath.slice(0, sourcePath.length - ext.length) + ({ ".mts": ".ts", ".cts": ".ts", ".mjs": ".js", ".cjs": ".js" }[ext] ?? ext);
  const out = ts.transpileModule(text, {
    fileName: asFile,
    reportDiagnostics: true,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      jsx: ts.JsxEmit.React,
      sourceMap: true,
      inlineSources: false,
    },
  });
  const errors = (out.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0) {
    const first = errors[0];
    const where = first.file && first.start !== undefined ? first.file.getLineAndCharacterOfPosition(first.start) : undefined;
    const location = where ? `${sourcePath}:${where.line + 1}:${where.character + 1}` : sourcePath;
    throw new Error(`iac test could not transform ${location}: ${ts.flattenDiagnosticMessageText(first.messageText, "\n")}`);
  }
  if (!out.sourceMapText) throw new Error(`internal: TypeScript gave no source map for ${sourcePath}`);
  const body = out.outputText.replace(/\n\/\/# sourceMappingURL=.*\s*$/, "\n");
  const key = JSON.stringify(PENDING_MODULES_KEY);
  // One line before the body: the map's lines shift by one.
  const code =
    (usesImportMeta ? `${IMPORT_META_BANNER.replace(IMPORT_META, IMPORT_META_SAME_LENGTH)} ` : "") +
    `(() => { const __iac_body = (async () => {\n` +
    body +
    `})(); __iac_body.catch(() => undefined); (globalThis[Symbol.for(${key})] ??= new Set()).add({ file: __filename, done: __iac_body }); })();\n`;
  const map = JSON.parse(out.sourceMapText) as SourceMap;
  return { code, map: JSON.stringify({ ...map, sources: [sourcePath], file: path.basename(sourcePath), mappings: `;${map.mappings}` }) };
}

function explainTransformFailure(error: unknown, sourcePath: string): string {
  const message = error instanceof Error ? error.message : String(error);
  return `iac test could not transform ${sourcePath}:\n${message}`;
}

interface BabelCore {
  transformSync(code: string, options: Record<string, unknown>): { code?: string | null; map?: unknown } | null;
  version: string;
}

interface BabelPath {
  node: { type: string; name?: string; computed?: boolean; property?: { type: string; name?: string } };
  get(key: string): BabelPath;
  isIdentifier(): boolean;
  scope: { getBinding(name: string): { path: { node: { init?: unknown } } } | undefined; hasBinding(name: string): boolean };
  replaceWith(node: unknown): void;
}

interface BabelApi {
  types: { identifier(name: string): unknown };
}

interface Babel {
  core: BabelCore;
  hoist: unknown;
  version: string;
}

let babel: Babel | undefined;

/**
 * @babel/core and babel-plugin-jest-hoist through the packages that depend on
 * them (iac depends on jest, not on Babel), so it works whatever the install layout.
 */
function loadBabel(): Babel {
  if (babel) return babel;
  const step = (from: NodeJS.Require, name: string): NodeJS.Require => createRequire(from.resolve(`${name}/package.json`));
  const jest = step(require, "jest");
  const jestConfig = step(step(jest, "@jest/core"), "jest-config");
  const hoistFrom = step(step(jestConfig, "babel-jest"), "babel-preset-jest");
  const core = jestConfig("@babel/core") as BabelCore;
  const hoistModule = hoistFrom("babel-plugin-jest-hoist") as { default?: unknown };
  const hoistVersion = (hoistFrom("babel-plugin-jest-hoist/package.json") as { version: string }).version;
  babel = { core, hoist: hoistModule.default ?? hoistModule, version: `${core.version}/${hoistVersion}` };
  return babel;
}

/**
 * esbuild turns `import { jest } from "@jest/globals"` into
 * `import_globals.jest`, which the hoist plugin does not recognise (it looks
 * for the import): the global `jest` is the same object, so use it.
 */
function jestGlobalsAsGlobal({ types: t }: BabelApi) {
  const fromJestGlobals = (init: unknown): boolean => {
    let node = init as { type?: string; callee?: { type?: string; name?: string }; arguments?: Array<{ type?: string; value?: unknown }> } | undefined;
    // __toESM(require("@jest/globals"))
    if (node?.type === "CallExpression" && node.callee?.name !== "require" && node.arguments?.length) node = node.arguments[0] as typeof node;
    return (
      node?.type === "CallExpression" &&
      node.callee?.type === "Identifier" &&
      node.callee.name === "require" &&
      node.arguments?.[0]?.type === "StringLiteral" &&
      node.arguments[0].value === "@jest/globals"
    );
  };
  const visitor = {
    MemberExpression(member: BabelPath) {
      const { node } = member;
      if (node.computed || node.property?.type !== "Identifier" || node.property.name !== "jest") return;
      const object = member.get("object");
      if (!object.isIdentifier() || member.scope.hasBinding("jest")) return;
      const binding = member.scope.getBinding(object.node.name ?? "");
      if (binding && fromJestGlobals(binding.path.node.init)) {
        member.replaceWith(t.identifier("jest"));
        replaced = true;
      }
    },
  };
  let replaced = false;
  // In `pre`: before the hoist plugin's visitor looks at the statements. A
  // new crawl registers `jest` as the global the plugin allows in factories.
  return {
    pre(file: { path: { traverse(v: typeof visitor): void; scope: { crawl(): void } } }) {
      replaced = false;
      file.path.traverse(visitor);
      if (replaced) file.path.scope.crawl();
    },
  };
}

function hoistJestCalls(code: string, inputMap: SourceMap, sourcePath: string): TransformResult {
  const { core, hoist } = loadBabel();
  const out = core.transformSync(code, {
    filename: sourcePath,
    babelrc: false,
    configFile: false,
    sourceType: "script",
    parserOpts: { allowReturnOutsideFunction: true },
    plugins: [jestGlobalsAsGlobal, hoist],
    inputSourceMap: inputMap,
    sourceMaps: true,
    compact: false,
  });
  if (!out?.code || !out.map) throw new Error(`iac test: Babel returned nothing for ${sourcePath}`);
  return { code: out.code, map: JSON.stringify(out.map) };
}

/** The version of the TypeScript compiler that transforms top-level-await modules, without loading it. */
function typeScriptVersion(): string {
  return (createRequire(__filename)("typescript/package.json") as { version: string }).version;
}

/**
 * Jest's default cache key ignores the transformer's own code: key on it (and
 * the esbuild version), so a new iac never serves an old transform's output.
 */
const TRANSFORMER_KEY = createHash("sha1").update(fs.readFileSync(__filename)).update(esbuildVersion).digest("hex");

function getCacheKey(sourceText: string, sourcePath: string, options: { configString: string; instrument?: boolean }): string {
  const hash = createHash("sha1")
    .update(TRANSFORMER_KEY)
    .update("\0")
    .update(sourceText)
    .update("\0")
    .update(sourcePath)
    .update("\0")
    .update(options.configString)
    .update("\0")
    .update(options.instrument ? "instrument" : "");
  if (NEEDS_HOIST.test(sourceText)) hash.update("\0").update(loadBabel().version);
  if (sourceText.includes("await")) hash.update("\0").update(typeScriptVersion());
  return hash.digest("hex");
}

export default { process, getCacheKey };
