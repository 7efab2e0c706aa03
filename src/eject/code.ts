/**
 * Small pieces of TypeScript source for the printer: literals, object and
 * array literals laid out one entry per line once they grow, comments, and
 * the imports a file uses (collected while its code is written, then
 * emitted as ts-morph import structures, sorted, so the same model prints
 * the same file). Expressions are strings of TypeScript; ts-morph's
 * formatter fixes the indentation afterwards.
 */
import type { ImportDeclarationStructure, OptionalKind } from "ts-morph";

/** A TypeScript expression, as source text. */
export type Expr = string;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A string literal (double quotes, JSON escapes). */
export function str(value: string): Expr {
  return JSON.stringify(value);
}

/** Any JSON value as a literal, objects and arrays laid out like `obj` and `arr`. */
export function json(value: unknown): Expr {
  if (Array.isArray(value)) return arr(value.map(json));
  if (typeof value === "object" && value !== null) return obj(Object.entries(value).map(([k, v]) => [k, json(v)]));
  if (typeof value === "string") return str(value);
  return String(value);
}

/** An object literal; entries whose value is undefined are left out. */
export function obj(entries: readonly (readonly [string, Expr | undefined])[]): Expr {
  const present = entries.filter((e): e is readonly [string, Expr] => e[1] !== undefined);
  if (present.length === 0) return "{}";
  const parts = present.map(([k, v]) => (k === v && IDENTIFIER.test(k) ? k : `${key(k)}: ${v}`));
  const oneLine = `{ ${parts.join(", ")} }`;
  if (oneLine.length <= 90 && !oneLine.includes("\n")) return oneLine;
  return `{\n${parts.map((p) => `${p},`).join("\n")}\n}`;
}

/** An array literal. */
export function arr(items: readonly Expr[]): Expr {
  if (items.length === 0) return "[]";
  const oneLine = `[${items.join(", ")}]`;
  if (oneLine.length <= 90 && !oneLine.includes("\n")) return oneLine;
  return `[\n${items.map((i) => `${i},`).join("\n")}\n]`;
}

/** A property name, quoted only when it must be. */
export function key(name: string): string {
  return IDENTIFIER.test(name) ? name : str(name);
}

/** `new X(args)`. */
export function call(callee: string, args: readonly (Expr | undefined)[]): Expr {
  const present = args.filter((a): a is Expr => a !== undefined);
  return `${callee}(${present.join(", ")})`;
}

/** `schedule-rate-60-minutes` → `ScheduleRate60Minutes`. */
export function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((p) => p.length > 0)
    .map((p) => p[0].toUpperCase() + p.slice(1))
    .join("");
}

/** `FnScheduleRate60Minutes` → `fnScheduleRate60Minutes`. */
export function camelCase(id: string): string {
  const p = pascalCase(id);
  return p.length === 0 ? "x" : p[0].toLowerCase() + p.slice(1);
}

/** The imports of one generated file. */
export class Imports {
  private readonly named = new Map<string, Map<string, string | undefined>>();
  private readonly namespaces = new Map<string, string>();
  private readonly defaults = new Map<string, string>();
  private readonly types = new Map<string, Set<string>>();

  /** Uses `name` from `module` (optionally as `alias`) and returns the local name. */
  use(module: string, name: string, alias?: string): string {
    const names = this.named.get(module) ?? new Map<string, string | undefined>();
    names.set(name, alias);
    this.named.set(module, names);
    return alias ?? name;
  }

  type(module: string, name: string): string {
    const names = this.types.get(module) ?? new Set<string>();
    names.add(name);
    this.types.set(module, names);
    return name;
  }

  namespace(module: string, local: string): string {
    this.namespaces.set(module, local);
    return local;
  }

  default(module: string, local: string): string {
    this.defaults.set(module, local);
    return local;
  }

  /** Node built-ins first, then packages, then relative paths; each group sorted. */
  structures(): OptionalKind<ImportDeclarationStructure>[] {
    const modules = new Set([...this.named.keys(), ...this.namespaces.keys(), ...this.defaults.keys(), ...this.types.keys()]);
    const rank = (m: string): number => (NODE_BUILTINS.has(m) ? 0 : m.startsWith(".") ? 2 : 1);
    const sorted = [...modules].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
    const out: OptionalKind<ImportDeclarationStructure>[] = [];
    for (const m of sorted) {
      const ns = this.namespaces.get(m);
      if (ns) out.push({ moduleSpecifier: m, namespaceImport: ns });
      const def = this.defaults.get(m);
      const named = [...(this.named.get(m) ?? new Map<string, string | undefined>())]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([name, alias]) => (alias ? { name, alias } : { name }));
      const typeOnly = [...(this.types.get(m) ?? new Set<string>())].filter((t) => !this.named.get(m)?.has(t)).sort();
      const all = [...named, ...typeOnly.map((name) => ({ name, isTypeOnly: true }))].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      if (def || all.length > 0) out.push({ moduleSpecifier: m, ...(def ? { defaultImport: def } : {}), ...(all.length > 0 ? { namedImports: all } : {}) });
    }
    return out;
  }
}

const NODE_BUILTINS = new Set(["path", "fs", "os", "url"]);

/** Lines of statements and comments: the body of a generated function. */
export class Body {
  private readonly lines: string[] = [];

  comment(...text: string[]): this {
    for (const t of text) for (const l of t.split("\n")) this.lines.push(l.length > 0 ? `// ${l}` : "//");
    return this;
  }

  line(code: string): this {
    this.lines.push(...code.split("\n"));
    return this;
  }

  blank(): this {
    if (this.lines.length > 0 && this.lines[this.lines.length - 1] !== "") this.lines.push("");
    return this;
  }

  get isEmpty(): boolean {
    return this.lines.length === 0;
  }

  text(): string {
    const out = [...this.lines];
    while (out.length > 0 && out[out.length - 1] === "") out.pop();
    return out.join("\n");
  }
}
