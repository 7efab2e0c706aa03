/**
 * The fuzz/regression corpus: a deterministic generator of apps
 * that the analyzer must survive. Three families:
 *
 * - `mutant`: an app of examples/* or test/apps/* with one to three
 *   mutations (statements deleted, duplicated, swapped; literals replaced by
 *   identifiers or computed values; imports broken; exports renamed; syntax
 *   errors injected; registrations wrapped in functions; route paths and
 *   schedule expressions made computed; the SDK handed around as a value;
 *   package.json and tsconfig.json broken; files deleted, renamed,
 *   truncated; code nested just below the analyzer's depth limit).
 * - `deep`: deep and long shapes at 5,000 levels (chains of
 *   `+`, `.then()`, `api.get().get()`, nested `if`, parentheses, blocks,
 *   arrays, calls, ...; a 5,000-deep tsconfig.json as nested JSON and as an
 *   `extends` chain; chains of 5,000 modules), plus the same shapes just
 *   below the depth limit, placed where the SDK's arguments are evaluated.
 * - `fs`: file-system shapes: modules that are symbolic links to each
 *   other, FIFOs named index.ts / package.json / tsconfig.json, links to
 *   /dev/zero, `"main": "/proc/self/environ"`, files larger than the read
 *   limit.
 *
 * Everything comes from a seeded PRNG (mulberry32): the same seed gives
 * byte-identical apps, so a failure reproduces from its app name.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import ts = require("typescript");

const REPO = path.resolve(__dirname, "..", "..", "..");

/** Path (relative to the app directory; `../x` lands beside it) → content. */
export type Files = Record<string, string>;

export interface FuzzApp {
  /** Unique, stable: `mutant-0042-todo`, `deep-plus-strings-5000`. */
  name: string;
  family: "mutant" | "deep" | "fs";
  /** What was done to the base app, for the failure message. */
  description: string[];
  files: Files;
  /** Symbolic links to create: [path in the app, link target]. */
  links?: [string, string][];
  /** FIFOs to create (named pipes). */
  fifos?: string[];
  /** Sparse files of this size (bytes), to pass the read limit without writing it. */
  sparse?: [string, number][];
}

// ---------------------------------------------------------------- the PRNG

export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** mulberry32: a float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(xs: readonly T[]): T {
    if (xs.length === 0) throw new Error("pick from an empty list");
    return xs[this.int(xs.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

// ------------------------------------------------------------- base apps

const SKIP_DIRS = new Set(["node_modules", ".iac", "cdk.out", "static", "__tests__", "coverage"]);

function readTree(dir: string, rel = ""): Files {
  const out: Files = {};
  for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const name = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) Object.assign(out, readTree(dir, name));
    } else if (entry.isFile() && /\.(c|m)?[jt]s$|\.json$/.test(entry.name) && !/\.test\.|lambda-checks\.json$/.test(entry.name)) {
      out[name] = fs.readFileSync(path.join(dir, name), "utf8");
    }
  }
  return out;
}

/** examples/* and test/apps/* (the matrix): their source, package.json and tsconfig.json. */
export function baseApps(): { name: string; files: Files }[] {
  const out: { name: string; files: Files }[] = [];
  for (const parent of ["examples", path.join("test", "apps")]) {
    const root = path.join(REPO, parent);
    for (const name of fs.readdirSync(root).sort()) {
      const dir = path.join(root, name);
      if (fs.statSync(dir).isDirectory() && fs.existsSync(path.join(dir, "package.json"))) out.push({ name, files: readTree(dir) });
    }
  }
  return out;
}

// ------------------------------------------------------------- mutations

const CODE = /\.(c|m)?[jt]s$/;

function codeFiles(files: Files): string[] {
  return Object.keys(files).filter((f) => CODE.test(f) && !f.startsWith("../") && f !== "iac.config.ts");
}

function parse(name: string, text: string): ts.SourceFile {
  const kind = /\.(c|m)?js$/.test(name) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  return ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true, kind);
}

function nodes(file: ts.SourceFile, test: (n: ts.Node) => boolean): ts.Node[] {
  const found: ts.Node[] = [];
  const walk = (n: ts.Node): void => {
    if (test(n)) found.push(n);
    ts.forEachChild(n, walk);
  };
  walk(file);
  return found;
}

function isListedStatement(n: ts.Node): n is ts.Statement {
  const p = n.parent;
  return (
    !!p &&
    (ts.isSourceFile(p) || ts.isBlock(p) || ts.isModuleBlock(p) || ts.isCaseClause(p) || ts.isDefaultClause(p)) &&
    (p.statements as readonly ts.Node[]).includes(n)
  );
}

function splice(text: string, start: number, end: number, insert: string): string {
  return text.slice(0, start) + insert + text.slice(end);
}

/** A file picked at random among the code files that pass `filter`, parsed. */
function pickFile(files: Files, rng: Rng, filter: (name: string, text: string) => boolean = () => true): { name: string; file: ts.SourceFile } | undefined {
  const names = codeFiles(files).filter((n) => filter(n, files[n]));
  if (names.length === 0) return undefined;
  const name = rng.pick(names);
  try {
    return { name, file: parse(name, files[name]) };
  } catch {
    // TypeScript's parser recurses too: a file nested past what its stack holds (an earlier mutation) is left alone.
    return undefined;
  }
}

/** A node of a random file that passes `test`, or undefined. */
function pickNode(
  files: Files,
  rng: Rng,
  test: (n: ts.Node) => boolean,
  filter?: (name: string, text: string) => boolean,
): { name: string; node: ts.Node; file: ts.SourceFile } | undefined {
  // Try a few files: not every file has every kind of node.
  for (let i = 0; i < 4; i++) {
    const f = pickFile(files, rng, filter);
    if (!f) return undefined;
    const found = nodes(f.file, test);
    if (found.length > 0) return { name: f.name, file: f.file, node: rng.pick(found) };
  }
  return undefined;
}

function lineOf(file: ts.SourceFile, node: ts.Node): number {
  return file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
}

const SDK_AREAS = ["api", "data", "schedule", "storage", "events", "params", "http", "logs"];
const SDK_METHODS = [
  "get",
  "post",
  "put",
  "delete",
  "patch",
  "use",
  "every",
  "cron",
  "on",
  "publish",
  "set",
  "getByLabel",
  "remove",
  "write",
  "read",
  "upload",
  "nope",
  "toString",
  "constructor",
  "__proto__",
  "then",
];
const REGISTRATIONS = new Set(["get", "post", "put", "delete", "patch", "use", "every", "cron", "on", "upload", "options", "head", "any"]);

function isSdkCall(n: ts.Node): n is ts.CallExpression {
  return ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && REGISTRATIONS.has(n.expression.name.text) && n.arguments.length > 0;
}

/** The innermost statement (of a statement list) holding `node`. */
function statementOf(node: ts.Node): ts.Statement | undefined {
  for (let n: ts.Node | undefined = node; n; n = n.parent) if (isListedStatement(n)) return n;
  return undefined;
}

type Mutator = (files: Files, rng: Rng) => string | undefined;

const IDENTIFIERS = [
  "value",
  "api",
  "data",
  "path",
  "undefined",
  "process.env.ROUTE",
  "req.params.id",
  "name",
  "exports",
  "module",
  "require",
  "this",
  "globalThis",
  "NaN",
  "params.X",
  "cloud",
];

const SPECIFIER_BREAKS: ((s: string, rng: Rng, files: Files) => string)[] = [
  (s, rng) => {
    if (s.length < 3) return `${s}x`;
    const i = 2 + rng.int(s.length - 2);
    return s.slice(0, i - 1) + s[i] + s[i - 1] + s.slice(i + 1);
  },
  (s) => s.slice(0, -1),
  () => "./missing",
  () => "../outside/module",
  () => "iac/sub",
  () => "@serverless/cloud",
  () => "iac",
  () => ".",
  () => "..",
  () => "./",
  () => "/etc/passwd",
  () => "/dev/zero",
  () => "/proc/self/environ",
  () => "./src",
  () => "./index",
  () => "node:fs",
  () => "",
  () => "./package.json",
  () => "./data.json",
  (s) => `${s}.js`,
  (s) => `${s}/index`,
  (_s, rng, files) => `./${rng.pick(Object.keys(files))}`,
];

const SYNTAX_BREAKS = [
  "{",
  "}",
  "(",
  ")",
  '"',
  "`",
  "/*",
  "=>",
  "@",
  "#",
  "\\",
  "<",
  "</div>",
  "import ",
  "export default ",
  "await ",
  "yield ",
  "\u0000",
  "\uFEFF",
  "\u2028",
  "${",
  "'",
  ";;;",
  "function",
  "class {",
  "return",
  "?.",
  "...",
  "enum",
  "declare module",
  "<T,>(",
  "#!/usr/bin/env node\n",
  "\udc00",
  "💥",
];

const WRAPPERS: ((body: string, n: number) => string)[] = [
  (b, n) => `function wrapped${n}() {\n${b}\n}\n`,
  (b, n) => `function wrapped${n}() {\n${b}\n}\nwrapped${n}();\n`,
  (b, n) => `const wrapped${n} = () => {\n${b}\n};\nwrapped${n}();\n`,
  (b, n) => `export function wrapped${n}() {\n${b}\n}\n`,
  (b) => `if (process.env.FLAG) {\n${b}\n}\n`,
  (b) => `try {\n${b}\n} catch (e) {\n  console.error(e);\n}\n`,
  (b) => `for (const _ of [1, 2]) {\n${b}\n}\n`,
  (b) => `setTimeout(() => {\n${b}\n}, 0);\n`,
  (b) => `process.nextTick(function () {\n${b}\n});\n`,
  (b, n) => `class Wrapped${n} {\n  static {\n${b}\n  }\n}\n`,
  (b, n) => `async function wrapped${n}() {\n  await Promise.resolve();\n${b}\n}\nvoid wrapped${n}();\n`,
  (b) => `(() => {\n${b}\n})();\n`,
  (b) => `{\n${b}\n}\n`,
  (b) => `label: {\n${b}\n}\n`,
  (b) => `switch (1) {\n  case 1:\n${b}\n}\n`,
];

const COMPUTED: ((lit: string) => string)[] = [
  () => "routePath",
  (l) => `${JSON.stringify(l.slice(0, 1))} + ${JSON.stringify(l.slice(1))}`,
  (l) => `\`${l.replace(/[`$\\]/g, "")}\${suffix}\``,
  (l) => `\`${l.replace(/[`$\\]/g, "")}\``,
  (l) => `[${JSON.stringify(l)}][0]`,
  (l) => `String(${JSON.stringify(l)})`,
  (l) => `(${JSON.stringify(l)} as string)`,
  () => "process.env.ROUTE",
  () => "getPath()",
  (l) => `${JSON.stringify(l)}.toLowerCase()`,
  (l) => `(Math.random() > 2 ? ${JSON.stringify(l)} : "/other")`,
  () => "42",
  () => "null",
  () => "undefined",
  () => "{}",
  () => '""',
  () => '"not a valid thing"',
  () => '"61 minuets"',
  () => '"cron(0 0 * * ? *)"',
  () => '"label9"',
  () => '"/:id(\\\\d+)"',
  () => '"*"',
];

/** Value-flow patterns the analyzer follows, each written as statements for an ES module (`cjs`: CommonJS). */
const SDK_VALUE_PATTERNS: ((sdk: string) => string)[] = [
  (s) => `function registerRoutes(a: any) { a.get("/registered", (q: any, r: any) => r.send("x")); }\nregisterRoutes(${s}.api);\n`,
  (s) => `const { get: takenGet } = ${s}.data;\nvoid takenGet;\n`,
  (s) => `const boundPost = ${s}.api.post.bind(${s}.api);\nboundPost("/bound", (q: any, r: any) => r.send("x"));\n`,
  (s) => `${s}.api.put.call(${s}.api, "/called", (q: any, r: any) => r.send("x"));\n`,
  (s) => `const method = "get";\n(${s}.api as any)[method]("/computed", (q: any, r: any) => r.send("x"));\n`,
  (s) => `const op = process.env.OP || "get";\nvoid (${s}.data as any)[op]("k");\n`,
  (s) => `void Reflect.apply(${s}.events.publish, ${s}.events, ["evt", {}]);\n`,
  (s) => `class Repo { constructor(private store: any) {} list() { return this.store.get("item:*"); } }\nexport const repo = new Repo(${s}.data);\n`,
  (s) => `const alias = ${s}.api;\nalias.get("/alias", (q: any, r: any) => r.send("x"));\n`,
  (s) => `export const exported = { data: ${s}.data };\n`,
  (s) => `(globalThis as any).sdk = ${s};\n`,
  (s) => `${s}.schedule.every(["1 hour"][0], () => undefined);\n`,
  (s) => `const sched = ${s}.schedule;\nfunction later(x: any) { x.every("5 minutes", () => undefined); }\nlater(sched);\n`,
  (s) => `${s}.data.on(\`created:\${process.env.C}:*\`, () => undefined);\n`,
  (s) => `${s}.api.get("/shadow", (q: any, r: any) => { const data = { get: () => 1 }; r.json(data.get()); });\n`,
  (s) => `export default ${s};\n`,
  (s) => `const { api: { get: deepGet } } = ${s};\nvoid deepGet;\n`,
  (s) => `void ${s}.params[process.env.P as string];\n`,
  (s) => `for (const area of [${s}.api, ${s}.data]) void area;\n`,
  (s) => `const handlers = { [${s}.api.get.name]: 1 };\nvoid handlers;\n`,
];

const PACKAGE_JSON_BREAKS: ((pkg: string, rng: Rng) => string)[] = [
  (p, rng) => p.slice(0, rng.int(p.length)),
  (p) => p.replace(/"main"\s*:\s*"[^"]*"/, '"main": "missing.ts"'),
  () => '{ "name": "x", "main": "src" }',
  () => '{ "name": "x", "main": "" }',
  () => '{ "name": "x", "main": 42 }',
  () => '{ "name": "x", "main": null }',
  () => '{ "name": "x", "main": "../secret.ts" }',
  () => '{ "name": "x", "main": "/proc/self/environ" }',
  () => '{ "name": "x", "main": "/dev/zero" }',
  () => '{ "name": "x", "main": "/etc/passwd" }',
  () => '{ "name": "x", "main": "index.mjs", "type": "module" }',
  () => "[]",
  () => "null",
  () => '"string"',
  () => "",
  () => "\uFEFF{}",
  () => '{ "name": "@scope/ÄÖÜ  weird//name", "type": "commonjs" }',
  () => `{ "name": "${"n".repeat(5000)}" }`,
  (p) => p.replace(/\{/, '{ "type": "module",'),
  (p) => p.replace(/\{/, '{ "type": 7,'),
  () => '{ "name": "x", "main": "./index.ts/" }',
  () => '{ "name": "x", "main": "index" }',
  () => '{ "__proto__": { "main": "evil.ts" }, "name": "x" }',
];

const TSCONFIG_BREAKS: ((cfg: string, rng: Rng) => string)[] = [
  (c, rng) => c.slice(0, rng.int(c.length)),
  () => '{ "extends": "./missing.json" }',
  () => '{ "extends": "./tsconfig.json" }',
  () => '{ "extends": "/dev/zero" }',
  () => '{ "extends": "/proc/self/environ" }',
  () => '{ "extends": "some-package/tsconfig" }',
  () => '{ "extends": ["./a.json", "./b.json"] }',
  () => '{ "compilerOptions": { "paths": { "*": ["*"] }, "baseUrl": "." } }',
  () => '{ "compilerOptions": { "paths": { "iac": ["./local-iac"] }, "baseUrl": "." } }',
  () => '{ "compilerOptions": { "baseUrl": "/" } }',
  () => '{ "compilerOptions": { "module": "node16", "moduleResolution": "node16" } }',
  () => '{ "compilerOptions": { "module": "esnext", "moduleResolution": "bundler" } }',
  () => '{ "compilerOptions": { "moduleResolution": "classic" } }',
  () => '{ "compilerOptions": { "moduleResolution": "nonsense", "target": 42 } }',
  () => '{ "compilerOptions": { "rootDirs": ["src", "."], "moduleSuffixes": [".ios", ""] } }',
  () => '{ "compilerOptions": { "alwaysStrict": false, "allowJs": false } }',
  () => '{ "compilerOptions": { "jsx": "react", "target": "ES3" } }',
  () => "// only a comment\n",
  () => '{ "compilerOptions": { "paths": { "@lib/*": ["/dev/*"] }, "baseUrl": "." } }',
  () => '{ "compilerOptions": { "paths": { "@/*": ["../../../../../../../*"] }, "baseUrl": "." } }',
  () => "[1, 2, 3]",
  () => "{ compilerOptions: { strict: true, }, /* json5-ish */ }",
  () => '{ "compilerOptions": null }',
  () => '{ "compilerOptions": { "paths": null, "baseUrl": 7 } }',
];

const MUTATORS: [string, number, Mutator][] = [
  [
    "delete-statement",
    6,
    (files, rng) => {
      const hit = pickNode(files, rng, isListedStatement);
      if (!hit) return undefined;
      files[hit.name] = splice(files[hit.name], hit.node.getStart(hit.file), hit.node.end, "");
      return `${hit.name}:${lineOf(hit.file, hit.node)} statement deleted`;
    },
  ],
  [
    "duplicate-statement",
    5,
    (files, rng) => {
      const hit = pickNode(files, rng, isListedStatement);
      if (!hit) return undefined;
      const text = files[hit.name].slice(hit.node.getStart(hit.file), hit.node.end);
      files[hit.name] = splice(files[hit.name], hit.node.end, hit.node.end, `\n${text}`);
      return `${hit.name}:${lineOf(hit.file, hit.node)} statement duplicated`;
    },
  ],
  [
    "swap-statements",
    4,
    (files, rng) => {
      const hit = pickNode(files, rng, (n) => isListedStatement(n) && (n.parent as ts.Block).statements.length > 1);
      if (!hit) return undefined;
      const list = (hit.node.parent as ts.Block).statements;
      const i = list.indexOf(hit.node as ts.Statement);
      const j = i + 1 < list.length ? i + 1 : i - 1;
      const [a, b] = i < j ? [list[i], list[j]] : [list[j], list[i]];
      const t = files[hit.name];
      const at = a.getStart(hit.file);
      const bt = b.getStart(hit.file);
      files[hit.name] = t.slice(0, at) + t.slice(bt, b.end) + t.slice(a.end, bt) + t.slice(at, a.end) + t.slice(b.end);
      return `${hit.name}:${lineOf(hit.file, a)} statements swapped`;
    },
  ],
  [
    "literal-to-identifier",
    6,
    (files, rng) => {
      const hit = pickNode(files, rng, (n) => ts.isStringLiteral(n) || ts.isNumericLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n));
      if (!hit) return undefined;
      const id = rng.pick(IDENTIFIERS);
      files[hit.name] = splice(files[hit.name], hit.node.getStart(hit.file), hit.node.end, id);
      return `${hit.name}:${lineOf(hit.file, hit.node)} literal replaced by ${id}`;
    },
  ],
  [
    "computed-argument",
    8,
    (files, rng) => {
      const hit = pickNode(files, rng, (n) => isSdkCall(n) && (ts.isStringLiteralLike(n.arguments[0]) || rng.chance(0.2)));
      if (!hit) return undefined;
      const call = hit.node as ts.CallExpression;
      const arg = call.arguments[0];
      const lit = ts.isStringLiteralLike(arg) ? arg.text : "/x";
      const how = rng.pick(COMPUTED)(lit);
      let text = splice(files[hit.name], arg.getStart(hit.file), arg.end, how);
      // Sometimes give the names a binding, so some of these are static after all.
      if (rng.chance(0.5)) text = `const routePath = ${JSON.stringify(lit)};\nlet suffix = "";\nfunction getPath() { return ${JSON.stringify(lit)}; }\n${text}`;
      files[hit.name] = text;
      return `${hit.name}:${lineOf(hit.file, call)} first argument of ${call.expression.getText(hit.file)} replaced by ${how}`;
    },
  ],
  [
    "break-import",
    6,
    (files, rng) => {
      const hit = pickNode(
        files,
        rng,
        (n) =>
          ts.isStringLiteralLike(n) &&
          !!n.parent &&
          (ts.isImportDeclaration(n.parent) ||
            ts.isExportDeclaration(n.parent) ||
            ts.isExternalModuleReference(n.parent) ||
            (ts.isCallExpression(n.parent) &&
              (n.parent.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(n.parent.expression) && n.parent.expression.text === "require")))),
      );
      if (!hit) return undefined;
      const old = (hit.node as ts.StringLiteralLike).text;
      const spec = rng.pick(SPECIFIER_BREAKS)(old, rng, files);
      files[hit.name] = splice(files[hit.name], hit.node.getStart(hit.file), hit.node.end, JSON.stringify(spec));
      return `${hit.name}:${lineOf(hit.file, hit.node)} import "${old}" → "${spec}"`;
    },
  ],
  [
    "rename-export",
    5,
    (files, rng) => {
      const hit = pickNode(files, rng, (n) => {
        if ((ts.isFunctionDeclaration(n) || ts.isClassDeclaration(n)) && n.name) return ts.getCombinedModifierFlags(n) !== 0 || ts.isSourceFile(n.parent);
        if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name)) return true;
        if (ts.isExportSpecifier(n)) return true;
        if (ts.isPropertyAccessExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === "exports") return true;
        return ts.isShorthandPropertyAssignment(n) || (ts.isPropertyAssignment(n) && ts.isIdentifier(n.name));
      });
      if (!hit) return undefined;
      const n = hit.node;
      const name = ts.isPropertyAccessExpression(n) ? n.name : (n as ts.NamedDeclaration).name;
      if (!name || !ts.isIdentifier(name)) return undefined;
      const renamed = ts.isShorthandPropertyAssignment(n) ? `${name.text}Renamed: ${name.text}` : `${name.text}Renamed`;
      files[hit.name] = splice(files[hit.name], name.getStart(hit.file), name.end, renamed);
      return `${hit.name}:${lineOf(hit.file, n)} ${name.text} renamed`;
    },
  ],
  [
    "syntax-error",
    5,
    (files, rng) => {
      const f = pickFile(files, rng);
      if (!f) return undefined;
      const text = files[f.name];
      const at = rng.int(text.length + 1);
      const token = rng.pick(SYNTAX_BREAKS);
      files[f.name] = splice(text, at, at, token);
      return `${f.name}@${at} ${JSON.stringify(token)} inserted`;
    },
  ],
  [
    "wrap-registration",
    7,
    (files, rng) => {
      const hit = pickNode(files, rng, (n) => isSdkCall(n) && statementOf(n) !== undefined && !ts.isImportDeclaration(statementOf(n) as ts.Node));
      if (!hit) return undefined;
      const st = statementOf(hit.node) as ts.Statement;
      const body = files[hit.name].slice(st.getStart(hit.file), st.end);
      const w = rng.int(WRAPPERS.length);
      files[hit.name] = splice(files[hit.name], st.getStart(hit.file), st.end, WRAPPERS[w](body, rng.int(1000)));
      return `${hit.name}:${lineOf(hit.file, st)} registration wrapped (${w})`;
    },
  ],
  [
    "sdk-as-value",
    7,
    (files, rng) => {
      const f = pickFile(files, rng, (n) => /\.(m|c)?ts$/.test(n) || /\.(m)?js$/.test(n));
      if (!f) return undefined;
      const ts_ = /\.(m|c)?ts$/.test(f.name);
      const esm = ts_ || f.file.statements.some((s) => ts.isImportDeclaration(s) || ts.isExportDeclaration(s)) || f.name.endsWith(".mjs");
      const i = rng.int(SDK_VALUE_PATTERNS.length);
      let code = SDK_VALUE_PATTERNS[i]("__sdk");
      if (!ts_)
        code = code
          .replace(/: any/g, "")
          .replace(/ as any/g, "")
          .replace(/ as string/g, "")
          .replace(/private store/, "store")
          .replace(/\{\} list\(\)/, "{ this.store = store; } list()");
      if (!esm) code = code.replace(/^export default (.*)$/m, "module.exports = $1").replace(/^export const (\w+)/gm, "exports.$1");
      const head = esm ? `import * as __sdk from "${rng.chance(0.5) ? "iac" : "@serverless/cloud"}";\n` : `const __sdk = require("iac");\n`;
      files[f.name] = `${head}${files[f.name]}\n${code}`;
      return `${f.name} value-flow pattern ${i} appended`;
    },
  ],
  [
    "swap-sdk-member",
    5,
    (files, rng) => {
      const hit = pickNode(files, rng, (n) => ts.isPropertyAccessExpression(n) && ts.isIdentifier(n.expression) && SDK_AREAS.includes(n.expression.text));
      if (!hit) return undefined;
      const access = hit.node as ts.PropertyAccessExpression;
      const to = rng.chance(0.5) ? `${rng.pick(SDK_AREAS)}.${access.name.text}` : `${(access.expression as ts.Identifier).text}.${rng.pick(SDK_METHODS)}`;
      files[hit.name] = splice(files[hit.name], access.getStart(hit.file), access.end, to);
      return `${hit.name}:${lineOf(hit.file, access)} ${access.getText(hit.file)} → ${to}`;
    },
  ],
  [
    "shadow-sdk",
    4,
    (files, rng) => {
      const hit = pickNode(files, rng, (n) => ts.isBlock(n) && !!n.parent && ts.isFunctionLike(n.parent));
      if (!hit) return undefined;
      const name = rng.pick(SDK_AREAS);
      const decl = rng.pick([
        `const ${name} = { get: (..._a: any[]) => 1, every: (..._a: any[]) => 1 };`,
        `var ${name} = require("./not-the-sdk");`,
        `function ${name}() { return 1; }`,
        `let ${name}: any;`,
        `class ${name} {}`,
      ]);
      const code = /\.(c|m)?js$/.test(hit.name) ? decl.replace(/: any(\[\])?/g, "") : decl;
      files[hit.name] = splice(files[hit.name], hit.node.getStart(hit.file) + 1, hit.node.getStart(hit.file) + 1, `\n${code}\n`);
      return `${hit.name}:${lineOf(hit.file, hit.node)} ${name} shadowed`;
    },
  ],
  [
    "truncate-file",
    3,
    (files, rng) => {
      const f = pickFile(files, rng);
      if (!f) return undefined;
      const at = rng.int(files[f.name].length + 1);
      files[f.name] = files[f.name].slice(0, at);
      return `${f.name} truncated at ${at}`;
    },
  ],
  [
    "delete-file",
    3,
    (files, rng) => {
      const name = rng.pick(Object.keys(files));
      delete files[name];
      return `${name} deleted`;
    },
  ],
  [
    "rename-file",
    3,
    (files, rng) => {
      const name = rng.pick(
        codeFiles(files)
          .concat(["package.json"])
          .filter((n) => n in files),
      );
      const to = name.replace(/(\.[a-z]+)?$/, rng.pick([".js", ".mjs", ".cjs", ".ts", ".tsx", ".d.ts", ".mts", ".cts", ""]));
      if (to === name || to in files) return undefined;
      files[to] = files[name];
      delete files[name];
      return `${name} renamed to ${to}`;
    },
  ],
  [
    "break-package-json",
    4,
    (files, rng) => {
      const i = rng.int(PACKAGE_JSON_BREAKS.length);
      files["package.json"] = PACKAGE_JSON_BREAKS[i](files["package.json"] ?? "{}", rng);
      if (i === 6) files["../secret.ts"] = 'import { api } from "iac";\napi.get("/secret", (q, r) => r.send(process.env.SECRET));\n';
      return `package.json break ${i}`;
    },
  ],
  [
    "break-tsconfig",
    4,
    (files, rng) => {
      const i = rng.int(TSCONFIG_BREAKS.length);
      files["tsconfig.json"] = TSCONFIG_BREAKS[i](files["tsconfig.json"] ?? "{}", rng);
      if (i === 6) {
        files["a.json"] = '{ "extends": "./b.json" }';
        files["b.json"] = '{ "extends": "./a.json" }';
      }
      return `tsconfig.json break ${i}`;
    },
  ],
  [
    "text-encoding",
    2,
    (files, rng) => {
      const f = pickFile(files, rng);
      if (!f) return undefined;
      const how = rng.int(5);
      const t = files[f.name];
      files[f.name] =
        how === 0
          ? t.replace(/\n/g, "\r\n")
          : how === 1
            ? `\uFEFF${t}`
            : how === 2
              ? t.replace(/\n/g, "\u2028")
              : how === 3
                ? t.replace(/\n/g, "\r")
                : `${t}\n// ${"x".repeat(200_000)}\n`;
      return `${f.name} encoding change ${how}`;
    },
  ],
  [
    "import-cycle",
    3,
    (files, rng) => {
      const f = pickFile(files, rng);
      if (!f) return undefined;
      const esm = /\.(m|c)?ts$|\.mjs$/.test(f.name) || /^\s*(import|export)\s/m.test(files[f.name]);
      const up = "../".repeat(f.name.split("/").length - 1) || "./";
      const target = rng.pick([`${up}index`, `./${path.posix.basename(f.name).replace(CODE, "")}`, `${up}index.js`]);
      const line = esm
        ? rng.pick([
            `import "${target}";`,
            `export * from "${target}";`,
            `export * as again from "${target}";`,
            `import * as self from "${target}"; void self;`,
          ])
        : `require("${target}");`;
      files[f.name] = `${line}\n${files[f.name]}`;
      return `${f.name} imports ${target}`;
    },
  ],
  [
    "near-limit-nesting",
    3,
    (files, rng) => {
      const hit = pickNode(files, rng, (n) => isSdkCall(n) && statementOf(n) !== undefined);
      if (!hit) return undefined;
      const st = statementOf(hit.node) as ts.Statement;
      const depth = 300 + rng.int(700);
      const body = files[hit.name].slice(st.getStart(hit.file), st.end);
      const how = rng.int(3);
      const wrapped =
        how === 0
          ? `${"if (1) {\n".repeat(depth)}${body}\n${"}\n".repeat(depth)}`
          : how === 1
            ? `${"{".repeat(depth)}\n${body}\n${"}".repeat(depth)}\n`
            : `${"(() => {\n".repeat(depth)}${body}\n${"})();\n".repeat(depth)}`;
      files[hit.name] = splice(files[hit.name], st.getStart(hit.file), st.end, wrapped);
      return `${hit.name}:${lineOf(hit.file, st)} registration nested ${depth} deep (${how})`;
    },
  ],
];

const TOTAL_WEIGHT = MUTATORS.reduce((s, [, w]) => s + w, 0);

function pickMutator(rng: Rng): [string, Mutator] {
  let x = rng.int(TOTAL_WEIGHT);
  for (const [name, w, m] of MUTATORS) {
    if (x < w) return [name, m];
    x -= w;
  }
  throw new Error("unreachable");
}

export function mutants(count: number, seed: number): FuzzApp[] {
  const bases = baseApps();
  const rng = new Rng(seed);
  const out: FuzzApp[] = [];
  for (let i = 0; out.length < count; i++) {
    const base = bases[i % bases.length];
    const files: Files = { ...base.files };
    const description: string[] = [];
    const wanted = 1 + rng.int(3);
    for (let tries = 0; description.length < wanted && tries < 20; tries++) {
      const [name, m] = pickMutator(rng);
      const done = m(files, rng);
      if (done) description.push(`${name}: ${done}`);
    }
    out.push({ name: `mutant-${String(i).padStart(4, "0")}-${base.name}`, family: "mutant", description, files });
  }
  return out;
}

// ------------------------------------------------------------- deep shapes

const HEAD = 'import { api, data, schedule } from "iac";\nconst h = (q: any, r: any) => r.send("x");\napi.get("/ok", h);\n';

function deepApp(name: string, body: string, extra: Files = {}): FuzzApp {
  return {
    name: `deep-${name}`,
    family: "deep",
    description: [name],
    files: { "package.json": `{ "name": "deep" }\n`, "index.ts": `${HEAD}${body}`, ...extra },
  };
}

/** Each shape at `n` levels: a statement list for index.ts. */
const SHAPES: [string, (n: number) => string][] = [
  ["plus-strings", (n) => `export const x = ${Array(n).fill('"a"').join(" + ")};\n`],
  ["plus-numbers", (n) => `export const x = ${Array(n).fill("1").join(" + ")};\n`],
  ["then-chain", (n) => `export const p = Promise.resolve(1)${".then((x) => x)".repeat(n)};\n`],
  ["api-get-chain", (n) => `(api as any)${'.get("/c", h)'.repeat(n)};\n`],
  ["nested-if", (n) => `export function f(q: unknown) {\n${"if (q) {\n".repeat(n)}return 1;\n${"}\n".repeat(n)}}\n`],
  [
    "else-if-chain",
    (n) => `export function f(q: number) {\n${Array.from({ length: n }, (_, i) => `if (q === ${i}) return ${i};`).join(" else ")}\nreturn -1;\n}\n`,
  ],
  ["parentheses", (n) => `export const x = ${"(".repeat(n)}1${")".repeat(n)};\n`],
  ["blocks", (n) => `${"{".repeat(n)}\n${"}".repeat(n)}\n`],
  ["arrays", (n) => `export const x = ${"[".repeat(n)}${"]".repeat(n)};\n`],
  ["objects", (n) => `export const x = ${"{ a: ".repeat(n)}1${" }".repeat(n)};\n`],
  ["calls", (n) => `const f = (x: any) => x;\nexport const x = ${"f(".repeat(n)}1${")".repeat(n)};\n`],
  ["arrows", (n) => `export const x = ${"() => ".repeat(n)}1;\n`],
  ["ternaries", (n) => `declare const c: boolean;\nexport const x = ${"c ? 1 : ".repeat(n)}0;\n`],
  ["unary", (n) => `export const x = ${"!".repeat(n)}true;\n`],
  ["negations", (n) => `export const x = ${"-(".repeat(n)}1${")".repeat(n)};\n`],
  ["member-chain", (n) => `declare const o: any;\nexport const x = o${".a".repeat(n)};\n`],
  ["element-chain", (n) => `declare const o: any;\nexport const x = o${"[0]".repeat(n)};\n`],
  ["templates", (n) => `export const x = ${"`${".repeat(n)}1${"}`".repeat(n)};\n`],
  ["functions", (n) => `${"function f() {\n".repeat(n)}${"}\n".repeat(n)}`],
  ["types", (n) => `export type T = ${"Array<".repeat(n)}string${">".repeat(n)};\n`],
  ["route-in-deep-if", (n) => `${"if (1) {\n".repeat(n)}api.get("/deep", h);\n${"}\n".repeat(n)}`],
  ["route-path-plus", (n) => `api.get(${Array(n).fill('"/a"').join(" + ")}, h);\n`],
  ["data-key-plus", (n) => `api.get("/k", async (q: any, r: any) => r.json(await data.get(${Array(n).fill('"k"').join(" + ")})));\n`],
  ["schedule-plus", (n) => `schedule.every(${Array(n).fill('"1"').join(" + ")} + " minutes", () => undefined);\n`],
  ["handler-then", (n) => `api.get("/t", (q: any, r: any) => Promise.resolve(1)${'.then(() => data.get("k"))'.repeat(n)}.then(() => r.send("x")));\n`],
  ["commas", (n) => `export const x = (${Array(n).fill("1").join(", ")});\n`],
  ["assignments", (n) => `let a: any;\n${"a = ".repeat(n)}1;\n`],
  [
    "const-aliases",
    (n) =>
      `const a0 = data;\n${Array.from({ length: n }, (_, i) => `const a${i + 1} = a${i};`).join("\n")}\napi.get("/alias", async (q: any, r: any) => r.json(await a${n}.get("k")));\n`,
  ],
  [
    "call-chain",
    (n) =>
      `${Array.from({ length: n }, (_, i) => `function f${i}(): unknown { return ${i + 1 < n ? `f${i + 1}()` : 'data.get("k")'}; }`).join("\n")}\napi.get("/calls", async (q: any, r: any) => r.json(await f0()));\n`,
  ],
  [
    "recursive-setup",
    (n) => `${Array.from({ length: n }, (_, i) => `function s${i}(): void { ${i + 1 < n ? `s${i + 1}();` : 'api.get("/last", h);'} }`).join("\n")}\ns0();\n`,
  ],
  [
    "class-extends",
    (n) =>
      `class C0 { load() { return data.get("k"); } }\n${Array.from({ length: n }, (_, i) => `class C${i + 1} extends C${i} {}`).join("\n")}\nconst c = new C${n}();\napi.get("/cls", async (q: any, r: any) => r.json(await c.load()));\n`,
  ],
  [
    "spread-objects",
    (n) =>
      `const o0 = { data };\n${Array.from({ length: n }, (_, i) => `const o${i + 1} = { ...o${i} };`).join("\n")}\napi.get("/sp", async (q: any, r: any) => r.json(await o${n}.data.get("k")));\n`,
  ],
  ["long-file-routes", (n) => Array.from({ length: n }, (_, i) => `api.get("/r${i}", h);`).join("\n") + "\n"],
];

type ChainKind = "import-require" | "reexport" | "star" | "cjs-reexport";

/**
 * Chains of modules: `m0 → m1 → … → m(n-1)`, each step as `how` says
 * (`import-require`: `import "./next"` and `require("./next")` in turn, the
 * two ways the start-up walk enters a module).
 */
function moduleChain(n: number, how: ChainKind): Files {
  const files: Files = {};
  const ext = how === "cjs-reexport" ? "js" : "ts";
  for (let i = 0; i < n; i++) {
    const next = `./m${i + 1}`;
    const last = i === n - 1;
    let text: string;
    if (how === "import-require")
      text = last
        ? 'import { api } from "iac";\napi.get("/end", (q: any, r: any) => r.send("x"));\n'
        : i % 2 === 0
          ? `import "${next}";\n`
          : `require("${next}");\nexport {};\n`;
    else if (how === "reexport") text = last ? 'export { data as store } from "iac";\n' : `export { store } from "${next}";\n`;
    else if (how === "star") text = last ? 'export * from "iac";\n' : `export * from "${next}";\n`;
    else text = last ? 'module.exports = require("iac");\n' : `module.exports = require("${next}");\n`;
    files[`m${i}.${ext}`] = text;
  }
  return files;
}

function chainApp(n: number, how: ChainKind): FuzzApp {
  const entry: Record<ChainKind, string> = {
    "import-require": 'import "./m0";\n',
    reexport: 'import { api } from "iac";\nimport { store } from "./m0";\napi.get("/x", async (q, r) => r.json(await store.get("k")));\n',
    star: 'import { api, data } from "./m0";\napi.get("/x", async (q, r) => r.json(await data.get("k")));\n',
    "cjs-reexport": 'const { api, data } = require("./m0");\napi.get("/x", async (q, r) => r.json(await data.get("k")));\n',
  };
  const ext = how === "cjs-reexport" ? "js" : "ts";
  return {
    name: `deep-module-chain-${how}-${n}`,
    family: "deep",
    description: [`${n} modules, each loading the next (${how})`],
    files: { "package.json": '{ "name": "chain" }\n', [`index.${ext}`]: entry[how], ...moduleChain(n, how) },
  };
}

function tsconfigApps(n: number): FuzzApp[] {
  const nestedObject = `{ "compilerOptions": { "strict": true }, "x": ${'{ "a": '.repeat(n)}1${" }".repeat(n)} }`;
  const nestedArray = `{ "compilerOptions": { "strict": true }, "x": ${"[".repeat(n)}${"]".repeat(n)} }`;
  const nestedOptions = `{ "compilerOptions": { "paths": { "x": ${"[".repeat(n)}"y"${"]".repeat(n)} } } }`;
  const chain: Files = {};
  for (let i = 0; i < n; i++) chain[`configs/c${i}.json`] = i === n - 1 ? '{ "compilerOptions": { "strict": true } }' : `{ "extends": "./c${i + 1}.json" }`;
  const app = (name: string, files: Files): FuzzApp => ({
    name: `deep-tsconfig-${name}-${n}`,
    family: "deep",
    description: [`tsconfig ${name} ${n} deep`],
    files: { "package.json": '{ "name": "cfg" }\n', "index.ts": HEAD, ...files },
  });
  return [
    app("nested-object", { "tsconfig.json": nestedObject }),
    app("nested-array", { "tsconfig.json": nestedArray }),
    app("nested-paths", { "tsconfig.json": nestedOptions }),
    app("extends-chain", { "tsconfig.json": '{ "extends": "./configs/c0.json" }', ...chain }),
    app("package-json-nested", { "package.json": `{ "name": "cfg", "x": ${"[".repeat(n)}${"]".repeat(n)} }` }),
  ];
}

/** Every deep shape at `n` levels (5,000: the issue's size), and just under the walkers' limit. */
export function deepApps(): FuzzApp[] {
  const out: FuzzApp[] = [];
  for (const n of [5000, 990]) for (const [name, shape] of SHAPES) out.push(deepApp(`${name}-${n}`, shape(n)));
  // The shapes in a module the entry imports, and a route inside each.
  for (const [name, shape] of SHAPES.slice(0, 6)) out.push(deepApp(`${name}-imported-5000`, 'import "./deep";\n', { "deep.ts": `${HEAD}${shape(5000)}` }));
  // Files are what the corpus spends its time writing (a third of a millisecond each, or more): the start-up
  // walk's chain at 5,000; the resolver's, which recurses through several calls per module, at 2,000.
  out.push(chainApp(5000, "import-require"));
  for (const how of ["reexport", "star", "cjs-reexport"] as const) out.push(chainApp(2000, how));
  out.push(...tsconfigApps(5000));
  return out;
}

// ------------------------------------------------------------- file system

export function fsApps(): FuzzApp[] {
  const pkg = '{ "name": "fs" }\n';
  const app = (name: string, files: Files, extra: Partial<FuzzApp> = {}): FuzzApp => ({
    name: `fs-${name}`,
    family: "fs",
    description: [name],
    files,
    ...extra,
  });
  const withImport = (spec: string): Files => ({ "package.json": pkg, "index.ts": `import "${spec}";\n${HEAD}` });
  return [
    app("symlink-loop", withImport("./a"), {
      links: [
        ["a.ts", "b.ts"],
        ["b.ts", "a.ts"],
      ],
    }),
    app("symlink-self", withImport("./a"), { links: [["a.ts", "a.ts"]] }),
    app(
      "symlink-loop-entry",
      { "package.json": pkg },
      {
        links: [
          ["index.ts", "index.js"],
          ["index.js", "index.ts"],
        ],
      },
    ),
    app("symlink-dir-loop", withImport("./sub/sub/sub/a"), { links: [["sub", "."]] }),
    app("symlink-to-entry", withImport("./alias"), { links: [["alias.ts", "index.ts"]] }),
    app("fifo-index", { "package.json": pkg }, { fifos: ["index.ts"] }),
    app("fifo-package-json", { "index.ts": HEAD }, { fifos: ["package.json"] }),
    app("fifo-tsconfig", { "package.json": pkg, "index.ts": HEAD }, { fifos: ["tsconfig.json"] }),
    app("fifo-module", withImport("./pipe"), { fifos: ["pipe.ts"] }),
    app("fifo-extends", { "package.json": pkg, "index.ts": HEAD, "tsconfig.json": '{ "extends": "./base.json" }' }, { fifos: ["base.json"] }),
    app("fifo-main", { "package.json": '{ "name": "fs", "main": "server.js" }' }, { fifos: ["server.js"] }),
    app("dev-zero-index", { "package.json": pkg }, { links: [["index.ts", "/dev/zero"]] }),
    app("dev-zero-package-json", { "index.ts": HEAD }, { links: [["package.json", "/dev/zero"]] }),
    app("dev-zero-tsconfig", { "package.json": pkg, "index.ts": HEAD }, { links: [["tsconfig.json", "/dev/zero"]] }),
    app("dev-zero-module", withImport("./zero"), { links: [["zero.ts", "/dev/zero"]] }),
    app(
      "dev-zero-extends",
      { "package.json": pkg, "index.ts": HEAD, "tsconfig.json": '{ "extends": "./zero.json" }' },
      { links: [["zero.json", "/dev/zero"]] },
    ),
    app("dev-urandom-module", withImport("./random"), { links: [["random.ts", "/dev/urandom"]] }),
    app("dev-stdin-tsconfig", { "package.json": pkg, "index.ts": HEAD }, { links: [["tsconfig.json", "/dev/stdin"]] }),
    app("tsconfig-proc-environ", { "package.json": pkg, "index.ts": HEAD }, { links: [["tsconfig.json", "/proc/self/environ"]] }),
    app("package-json-proc-environ", { "index.ts": HEAD }, { links: [["package.json", "/proc/self/environ"]] }),
    app("main-proc-environ", { "package.json": '{ "name": "fs", "main": "/proc/self/environ" }', "index.ts": HEAD }),
    app("main-proc-link", { "package.json": '{ "name": "fs", "main": "env.ts" }' }, { links: [["env.ts", "/proc/self/environ"]] }),
    app("import-proc-environ", withImport("/proc/self/environ")),
    app("import-proc-relative", withImport("../../../../../../../../../../proc/self/environ")),
    app("require-dev-zero", {
      "package.json": pkg,
      "index.js": 'require("/dev/zero");\nconst { api } = require("iac");\napi.get("/x", (q, r) => r.send("x"));\n',
    }),
    app("main-outside", { "package.json": '{ "name": "fs", "main": "../secret.ts" }', "../secret.ts": 'export const SECRET = "planted-secret";\n' }),
    app("main-etc-passwd", { "package.json": '{ "name": "fs", "main": "/etc/passwd" }' }),
    app("main-directory", { "package.json": '{ "name": "fs", "main": "lib" }', "lib/.keep": "" }),
    app("index-is-directory", { "package.json": pkg, "index.ts/x": "" }),
    app("huge-entry", { "package.json": pkg }, { sparse: [["index.ts", 9 * 1024 * 1024]] }),
    app("huge-module", withImport("./big"), { sparse: [["big.ts", 9 * 1024 * 1024]] }),
    app("huge-package-json", { "index.ts": HEAD }, { sparse: [["package.json", 9 * 1024 * 1024]] }),
    app("huge-tsconfig", { "package.json": pkg, "index.ts": HEAD }, { sparse: [["tsconfig.json", 9 * 1024 * 1024]] }),
    app("dangling-link-module", withImport("./gone"), { links: [["gone.ts", "./nowhere.ts"]] }),
    app("empty", {}),
    app("only-package-json", { "package.json": pkg }),
    app("binary-entry", { "package.json": pkg, "index.ts": "\u0000\u0001\u0002\uFFFD\u0000".repeat(1000) }),
    app("utf16-entry", { "package.json": pkg, "index.ts": `\uFEFF${HEAD}`.split("").join("\u0000") }),
  ];
}

/** The whole corpus: `mutantCount` mutants, then the deep shapes and the file-system shapes. */
export function corpus(mutantCount: number, seed: number): FuzzApp[] {
  return [...mutants(mutantCount, seed), ...deepApps(), ...fsApps()];
}

// ------------------------------------------------------------- writing apps

/** Writes the app under `root/<name>/app` (files named `../x` go in `root/<name>`); returns the app directory. */
export function materialize(app: FuzzApp, root: string): string {
  const dir = path.join(root, app.name, "app");
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(app.files)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  for (const [name, target] of app.links ?? []) fs.symlinkSync(target, path.join(dir, name));
  for (const name of app.fifos ?? []) {
    const made = spawnSync("mkfifo", [path.join(dir, name)]);
    if (made.status !== 0) throw new Error(`mkfifo ${name}: ${made.stderr}`);
  }
  for (const [name, size] of app.sparse ?? []) {
    const file = path.join(dir, name);
    fs.writeFileSync(file, "// big\n");
    fs.truncateSync(file, size);
  }
  return dir;
}
