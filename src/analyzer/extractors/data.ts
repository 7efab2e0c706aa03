/**
 * `data.*`: operations, the collections their keys name, the label indexes
 * they read or write, and `data.on` listeners with their filters.
 *
 * Codes: IAC3001 label name outside label1..label5, IAC3002 label name not
 * static (every label index is assumed), IAC3003 invalid data.on event,
 * IAC3004 data.on event not static, IAC3005 no handler, IAC3006 timeout not
 * static, IAC3007 timeout above the limit.
 */
import ts = require("typescript");
import {
  type DataEventName,
  type DataListenerResource,
  type DataOperation,
  type DataResource,
  type LabelName,
  type SourceLocation,
  TIMEOUTS,
  type UsageScope,
} from "../../graph";
import { type ExtractContext, type Extractor, splitHandlerArgs, type UsageDraft } from "../context";
import { staticString } from "../values";
import { readTimeout } from "../options";
import { collectionsOf, type KeyInfo, keyInfo, keysOf } from "../keys";
import { ANALYZER_CODES } from "../codes";

const {
  isAsExpression,
  isCallExpression,
  isIdentifier,
  isNonNullExpression,
  isParenthesizedExpression,
  isPropertyAssignment,
  isSatisfiesExpression,
  isShorthandPropertyAssignment,
  isSpreadAssignment,
  isStringLiteralLike,
  SyntaxKind,
} = ts;

const LABELS: readonly LabelName[] = ["label1", "label2", "label3", "label4", "label5"];
const EVENTS: readonly DataEventName[] = ["created", "updated", "deleted"];

function isLabel(name: string): name is LabelName {
  return LABELS.some((l) => l === name);
}

/**
 * The `start` option of a query's options argument: "none" when the options
 * are absent or an object literal without one (and without a spread), its
 * expression when written out, "unknown" when the options are computed.
 */
function startOption(options: ts.Expression | undefined, ctx: ExtractContext): ts.Expression | "none" | "unknown" {
  if (!options) return "none";
  const ref = ctx.resolver.expression(options);
  if (ref.kind !== "object") return "unknown";
  for (const p of ref.node.properties) {
    if (isSpreadAssignment(p)) return "unknown";
    const name = p.name && (isIdentifier(p.name) || isStringLiteralLike(p.name)) ? p.name.text : undefined;
    if (name !== "start") continue;
    if (isPropertyAssignment(p)) return p.initializer;
    if (isShorthandPropertyAssignment(p)) return p.name;
    return "unknown";
  }
  return "none";
}

export function createDataExtractor(): Extractor {
  const labels = new Set<LabelName>();
  const collections = new Set<string>();
  const listeners: DataListenerResource[] = [];
  let location: SourceLocation | undefined;

  /** A label name argument or option: checked, recorded. */
  const label = (expr: ts.Expression, ctx: ExtractContext): LabelName[] => {
    const name = staticString(expr, ctx.resolver);
    if (name === undefined) {
      ctx.report(ANALYZER_CODES.labelNotStatic, "warning", expr, "the label name is not a static string; every label index (label1..label5) is assumed", {
        hint: 'write "label1".."label5" as a literal',
      });
      return [...LABELS];
    }
    if (!isLabel(name)) {
      ctx.report(ANALYZER_CODES.labelInvalid, "error", expr, `"${name}" is not a label: labels are label1 to label5`, {
        hint: "use label1, label2, label3, label4 or label5",
      });
      return [];
    }
    return [name];
  };

  /** `label1: ...` style options of a set (or of one batch item). */
  const labelOptions = (obj: ts.Expression | undefined, ctx: ExtractContext): LabelName[] => {
    const ref = obj ? ctx.resolver.expression(obj) : undefined;
    if (ref?.kind !== "object") return [];
    const found: LabelName[] = [];
    for (const p of ref.node.properties) {
      const key = p.name && (isIdentifier(p.name) || isStringLiteralLike(p.name)) ? p.name.text : undefined;
      if (key === undefined || !/^label/i.test(key)) continue;
      if (isLabel(key)) found.push(key);
      else
        ctx.report(ANALYZER_CODES.labelInvalid, "error", p, `"${key}" is not a label: labels are label1 to label5`, {
          hint: "use label1, label2, label3, label4 or label5",
        });
    }
    return found;
  };

  const draft = (operation: DataOperation, infos: readonly KeyInfo[] | undefined, used: LabelName[]): UsageDraft => {
    const scope: UsageScope = {};
    const cols = infos ? collectionsOf(infos) : undefined;
    if (cols) scope.collections = [...new Set(cols)].sort();
    if (used.length > 0) scope.labels = [...new Set(used)].sort();
    // A label query's "collections" are namespaces of label values, not of item keys.
    if (operation !== "getByLabel") for (const c of cols ?? []) if (c !== "") collections.add(c);
    for (const l of used) labels.add(l);
    return { resource: "data", operation, scope };
  };

  /**
   * A label query: the index it reads, with the namespaces its expression
   * names (the index's partition, as `todo:*` names the table's). A `start`
   * key is looked up on the table (the index continues after that item's
   * label value), which is a get of that key: of any key when the option is
   * computed or the options may carry one (a spread, a variable).
   */
  const labelQuery = (
    expr: ts.Expression | undefined,
    options: ts.Expression | undefined,
    labelExpr: ts.Expression | undefined,
    ctx: ExtractContext,
  ): UsageDraft[] => {
    const query = draft("getByLabel", expr ? keysOf(expr, ctx.resolver).infos : undefined, labelExpr ? label(labelExpr, ctx) : []);
    const start = startOption(options, ctx);
    if (start === "none") return [query];
    return [query, draft("get", start === "unknown" ? undefined : [keyInfo(start, ctx.resolver)], [])];
  };

  const use = (method: string, call: ts.CallExpression, ctx: ExtractContext): UsageDraft[] => {
    const [first, second, third] = call.arguments;
    switch (method) {
      case "get": {
        if (!first) return [draft("get", undefined, [])];
        const opts = second ? ctx.resolver.expression(second) : undefined;
        const labelProp =
          opts?.kind === "object" ? opts.node.properties.find((p) => isPropertyAssignment(p) && isIdentifier(p.name) && p.name.text === "label") : undefined;
        if (labelProp && isPropertyAssignment(labelProp)) return labelQuery(first, second, labelProp.initializer, ctx);
        const { infos, batch } = keysOf(first, ctx.resolver);
        return [draft(!batch && infos[0].query ? "query" : "get", infos, [])];
      }
      case "getByLabel":
        return labelQuery(second, third, first, ctx);
      case "set": {
        if (!first) return [draft("set", undefined, [])];
        const ref = ctx.resolver.expression(first);
        if (ref.kind === "array") {
          const infos: KeyInfo[] = [];
          const used: LabelName[] = [];
          for (const item of ref.node.elements) {
            const itemRef = ctx.resolver.expression(item);
            if (itemRef.kind !== "object") {
              infos.push({ query: false });
              continue;
            }
            const keyProp = itemRef.node.properties.find((p) => isPropertyAssignment(p) && isIdentifier(p.name) && p.name.text === "key");
            infos.push(keyProp && isPropertyAssignment(keyProp) ? keyInfo(keyProp.initializer, ctx.resolver) : { query: false });
            used.push(...labelOptions(item, ctx));
          }
          return [draft("set", ref.node.elements.length > 0 ? infos : undefined, [...used, ...labelOptions(second, ctx)])];
        }
        return [draft("set", [keyInfo(first, ctx.resolver)], labelOptions(third, ctx))];
      }
      case "remove":
      case "add":
        return [draft(method, first ? keysOf(first, ctx.resolver).infos : undefined, [])];
      case "seed":
        // Only an absent or literal `false` second argument cannot overwrite (which first removes all data).
        return mayOverwrite(second) ? [draft("seed", undefined, []), draft("seedOverwrite", undefined, [])] : [draft("seed", undefined, [])];
      default:
        return [];
    }
  };

  const on = (call: ts.CallExpression, ctx: ExtractContext): void => {
    const [specArg, ...rest] = call.arguments;
    const specRef = specArg ? ctx.resolver.expression(specArg) : undefined;
    const specExprs = specRef?.kind === "array" ? [...specRef.node.elements] : specArg ? [specArg] : [];
    const specs = specExprs.map((e) => staticString(e, ctx.resolver));
    if (specs.length === 0 || specs.some((s) => s === undefined)) {
      return void ctx.report(ANALYZER_CODES.dataEventNotStatic, "error", specArg ?? call, "the data.on event is not a static string", {
        hint: 'write it as a literal, e.g. "created:todo:*"',
      });
    }
    const { options, handlers } = splitHandlerArgs(rest, ctx.resolver);
    if (handlers.length === 0) return void ctx.report(ANALYZER_CODES.dataListenerWithoutHandler, "error", call, "data.on has no handler");
    const timeoutMs = readTimeout(
      options,
      TIMEOUTS["data-listener"].maxMs,
      "data listener",
      { notStatic: ANALYZER_CODES.dataListenerTimeoutNotStatic, tooLong: ANALYZER_CODES.dataListenerTimeoutTooLong },
      ctx,
    );
    const loc = ctx.location(call);
    location ??= loc;
    // One listener per distinct filter; events with the same filter share it.
    const groups = new Map<string, { events: Set<DataEventName>; namespace?: string; key?: string; specs: string[] }>();
    for (const spec of specs) {
      if (spec === undefined) continue;
      const [event, ...filter] = spec.split(":");
      const events = event === "*" ? EVENTS : EVENTS.filter((e) => e === event);
      if (events.length === 0) {
        const near = EVENTS.find((e) => e.startsWith(event.slice(0, 3).toLowerCase()));
        // The fix rewrites the literal that holds this spec, when it is written in place (alone or in an array literal).
        const literal = specExprs.find((e) => (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) && e.text === spec);
        const fix = near && literal ? ctx.literalFix(literal, `${near}${spec.slice(event.length)}`) : undefined;
        ctx.report(
          ANALYZER_CODES.dataEventInvalid,
          "error",
          specArg,
          `"${event}" is not a data event: use created, updated, deleted or *`,
          near ? { hint: `did you mean "${near}"?`, ...(fix ? { fix } : {}) } : {},
        );
        continue;
      }
      const namespace = filter.length >= 2 ? filter[0] : undefined;
      const keyFilter = filter.length >= 2 ? filter.slice(1).join(":") : filter[0];
      const key = keyFilter === undefined || keyFilter === "*" || keyFilter === "" ? undefined : keyFilter;
      const ns = namespace === "*" ? undefined : namespace;
      const groupKey = `${ns ?? ""}\0${key ?? ""}`;
      const g = groups.get(groupKey) ?? { events: new Set<DataEventName>(), namespace: ns, key, specs: [] };
      for (const e of events) g.events.add(e);
      g.specs.push(spec);
      groups.set(groupKey, g);
    }
    for (const g of groups.values()) {
      const id = ctx.uniqueId(`data-listener:${g.specs.join(",")}`);
      listeners.push({
        kind: "data-listener",
        id,
        events: EVENTS.filter((e) => g.events.has(e)),
        ...(g.namespace !== undefined ? { namespace: g.namespace } : {}),
        ...(g.key !== undefined ? { key: g.key } : {}),
        handler: id,
        ...(timeoutMs !== undefined ? { timeoutMs } : {}),
        location: loc,
      });
      ctx.addHandler({ id, kind: "data-listener", title: `on data ${g.specs.join(", ")}`, location: loc, roots: handlers });
    }
  };

  return {
    area: "data",
    isRegistration: (method) => method === "on",
    register: (_site, call, ctx) => on(call, ctx),
    use(site, ctx) {
      if (site.kind !== "call" || !isCallExpression(site.node)) return [];
      const drafts = use(site.path[1], site.node, ctx);
      if (drafts.length > 0) location ??= ctx.location(site.node);
      return drafts;
    },
    escape(site, ctx) {
      location ??= ctx.location(site.node);
      for (const l of LABELS) labels.add(l);
      const operations: DataOperation[] = ["get", "query", "getByLabel", "set", "remove", "add", "seed", "seedOverwrite"];
      return {
        usages: operations.map((operation) => ({
          resource: "data",
          operation,
          scope: operation === "getByLabel" || operation === "set" ? { labels: [...LABELS] } : {},
        })),
        inferred:
          "the table with every label index, and every data operation on any key for every function (data.on listeners registered through it are not found)",
      };
    },
    resources() {
      if (!location) return [];
      const data: DataResource = {
        kind: "data",
        id: "data",
        location,
        labels: [...labels].sort(),
        collections: [...collections].filter((c) => c !== "").sort(),
        stream: listeners.length > 0,
      };
      return [data, ...listeners];
    },
  };
}

/**
 * Whether `data.seed`'s second argument may be true at run time: anything
 * but an absent argument, `undefined` or a literal `false` written at the
 * call (a constant or a parameter may hold `true` on some path).
 */
function mayOverwrite(arg: ts.Expression | undefined): boolean {
  if (!arg) return false;
  let e: ts.Expression = arg;
  while (isParenthesizedExpression(e) || isAsExpression(e) || isNonNullExpression(e) || isSatisfiesExpression(e)) e = e.expression;
  if (e.kind === SyntaxKind.FalseKeyword) return false;
  return !(isIdentifier(e) && e.text === "undefined");
}
