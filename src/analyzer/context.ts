/**
 * What extractors share: source locations, the diagnostics log, unique ids,
 * and the handler registrations they declare. Extractors never see each
 * other; the only thing they hand back is plain graph data plus, for each
 * handler, the expressions its code starts from (for the call graph).
 */
import ts = require("typescript");
import type {
  AppInfo,
  DataOperation,
  Diagnostic,
  DiagnosticFix,
  EventsOperation,
  HandlerKind,
  ParamsOperation,
  RelatedLocation,
  Resource,
  Severity,
  SourceLocation,
  StorageOperation,
  UsageScope,
} from "../graph";
import { relativePath } from "./paths";
import type { Resolver } from "./resolve";
import type { SdkSite } from "./scan";

const { isPropertyAccessExpression, isSpreadElement } = ts;

export interface HandlerDraft {
  id: string;
  kind: HandlerKind;
  title: string;
  location: SourceLocation;
  /** The expressions whose code the handler runs (the chain, the handler function). */
  roots: ts.Expression[];
}

export type UsageDraft =
  | { resource: "data"; operation: DataOperation; scope: UsageScope }
  | { resource: "storage"; operation: StorageOperation; scope: UsageScope }
  | { resource: "events"; operation: EventsOperation; scope: UsageScope }
  | { resource: "params"; operation: ParamsOperation; scope: UsageScope };

/** Where a registration was found by the start-up replay (order.ts). */
export interface Registered {
  /**
   * Reached when the app starts; false for one the replay never reaches (in
   * a function nobody calls at start-up), registered after all the others.
   */
  atStartup: boolean;
}

export interface Extractor {
  /** The SDK interface this extractor reads: `api`, `data`... */
  readonly area: string;
  /** Does `<area>.<method>(...)` register a handler (ordered, and a root of the call graph)? */
  isRegistration(method: string): boolean;
  /** Each registration, in the order the app makes them. */
  register?(site: SdkSite, call: ts.CallExpression, ctx: ExtractContext, when: Registered): void;
  /** Each other call or read of the area; what it uses. */
  use?(site: SdkSite, ctx: ExtractContext): UsageDraft[];
  /**
   * The area's interface used as a value (an `escape` site): what any call
   * made through it could use, so the deployed app still works; and the
   * hint the warning gives. Areas whose registrations cannot be inferred
   * this way leave it out (their warning says what is not deployed).
   */
  escape?(site: SdkSite, ctx: ExtractContext): { usages: UsageDraft[]; inferred: string };
  /** After every site: the resources this area contributes. */
  resources(ctx: ExtractContext): Resource[];
}

export class ExtractContext {
  readonly diagnostics: Diagnostic[] = [];
  readonly handlers: HandlerDraft[] = [];
  private readonly ids = new Map<string, number>();
  private readonly paths = new Map<ts.SourceFile, string>();

  constructor(
    readonly dir: string,
    readonly info: AppInfo,
    readonly resolver: Resolver,
  ) {}

  /** Call sites recur in many usages' `via`: one location object each. */
  private readonly locations = new Map<ts.Node, SourceLocation>();

  location(node: ts.Node): SourceLocation {
    let known = this.locations.get(node);
    if (!known) {
      known = this.computeLocation(node);
      this.locations.set(node, known);
    }
    return known;
  }

  private computeLocation(node: ts.Node): SourceLocation {
    const sf = node.getSourceFile();
    const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    // path.relative is costly and every site of a file asks for the same one.
    let file = this.paths.get(sf);
    if (file === undefined) {
      file = relativePath(this.dir, sf.fileName);
      this.paths.set(sf, file);
    }
    return { file, line: line + 1, column: character + 1 };
  }

  report(
    code: string,
    severity: Severity,
    node: ts.Node | undefined,
    message: string,
    extra: { hint?: string; related?: RelatedLocation[]; fix?: DiagnosticFix } = {},
  ): void {
    this.diagnostics.push({ code, severity, message, ...(node ? { location: this.location(node) } : {}), ...extra });
  }

  /**
   * The structured fix that writes `value` in place of a string literal
   * (its quotes kept), or undefined when `node` is not a literal written
   * where the diagnostic points (a constant from elsewhere, a computed
   * string): `iac fix` applies it (src/fix).
   */
  literalFix(node: ts.Node, value: string): DiagnosticFix | undefined {
    if (!ts.isStringLiteral(node) && !ts.isNoSubstitutionTemplateLiteral(node)) return undefined;
    const sf = node.getSourceFile();
    const at = (pos: number): { line: number; column: number } => {
      const { line, character } = sf.getLineAndCharacterOfPosition(pos);
      return { line: line + 1, column: character + 1 };
    };
    const quote = sf.text[node.getStart(sf)];
    const newText =
      quote === "`"
        ? `\`${value.replace(/[`\\]/g, (c) => `\\${c}`).replace(/\$\{/g, "\\${")}\``
        : quote === "'"
          ? `'${JSON.stringify(value).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`
          : JSON.stringify(value);
    return {
      title: `replace "${node.text}" with "${value}"`,
      edits: [{ file: this.location(node).file, start: at(node.getStart(sf)), end: at(node.getEnd()), newText }],
    };
  }

  /** `base`, then `base#2`, `base#3`... for repeats, in registration order. */
  uniqueId(base: string): string {
    const n = (this.ids.get(base) ?? 0) + 1;
    this.ids.set(base, n);
    return n === 1 ? base : `${base}#${n}`;
  }

  addHandler(draft: HandlerDraft): void {
    this.handlers.push(draft);
  }

  /** The location of the function an argument names (its definition), else of the argument itself. */
  functionLocation(arg: ts.Expression): SourceLocation {
    const fn = this.resolver.callable(this.resolver.expression(arg));
    return this.location(fn ?? arg);
  }
}

/** A `(..., opts?, handler)` registration split into its parts. */
export interface HandlerArgs {
  options?: ts.Expression;
  handlers: ts.Expression[];
}

/** Arguments after the leading ones: an options object, if first, then the handler functions (arrays flattened). */
export function splitHandlerArgs(args: readonly ts.Expression[], resolver: Resolver): HandlerArgs {
  const rest = [...args];
  let options: ts.Expression | undefined;
  // An object literal is never a handler, so a leading one is the options even when no handler follows.
  if (rest.length > 0 && isOptionsObject(rest[0], resolver)) options = rest.shift();
  return { options, handlers: flattenHandlers(rest, resolver, 0) };
}

function isOptionsObject(arg: ts.Expression, resolver: Resolver): boolean {
  const ref = resolver.expression(arg);
  return ref.kind === "object";
}

/** Middleware arrays (`[auth, validate]`, a `const` array, spreads) flattened in order. */
export function flattenHandlers(args: readonly ts.Expression[], resolver: Resolver, depth: number): ts.Expression[] {
  const out: ts.Expression[] = [];
  for (const arg of args) {
    const inner = isSpreadElement(arg) ? arg.expression : arg;
    const ref = depth < 4 ? resolver.expression(inner) : undefined;
    if (ref?.kind === "array") out.push(...flattenHandlers(ref.node.elements, resolver, depth + 1));
    else out.push(inner);
  }
  return out;
}

/** `api.get("/x").invoke()` and `schedule.every("1 hour").invoke()`: the testing interface, not a registration. */
export function isTestingCall(call: ts.CallExpression): boolean {
  const parent = call.parent;
  return isPropertyAccessExpression(parent) && parent.expression === call && parent.name.text === "invoke";
}
