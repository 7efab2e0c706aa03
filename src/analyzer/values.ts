/**
 * Static values in source: what a string, number or object literal argument
 * is when it can be known without running the app. `const` bindings are
 * followed (through imports too), so `api.get(PATHS.todos, ...)` is static.
 */
import ts = require("typescript");
import type { Resolver } from "./resolve";
import { skipOuter } from "./syntax";

const {
  isBinaryExpression,
  isIdentifier,
  isNumericLiteral,
  isObjectLiteralExpression,
  isPrefixUnaryExpression,
  isPropertyAccessExpression,
  isPropertyAssignment,
  isShorthandPropertyAssignment,
  isStringLiteralLike,
  isTemplateExpression,
  SyntaxKind,
} = ts;

export interface StringShape {
  /** The known leading text (`todo:` for `todo:${id}`). */
  prefix: string;
  /** True when the whole string is `prefix`. */
  complete: boolean;
}

/** The literal a `const` binding (or an object literal property) stands for. */
function constInitializer(expr: ts.Expression, resolver: Resolver): ts.Expression | undefined {
  const ref = resolver.expression(expr);
  if ((ref.kind === "object" || ref.kind === "array") && ref.viaParameter) return undefined;
  return ref.kind === "object" || ref.kind === "array" || ref.kind === "value" ? ref.node : undefined;
}

export function stringShape(node: ts.Expression, resolver: Resolver, depth = 0): StringShape | undefined {
  const e = skipOuter(node);
  if (depth > 8) return undefined;
  if (isStringLiteralLike(e)) return { prefix: e.text, complete: true };
  if (isTemplateExpression(e)) {
    let prefix = e.head.text;
    for (const span of e.templateSpans) {
      const inner = stringShape(span.expression, resolver, depth + 1);
      if (!inner) return { prefix, complete: false };
      prefix += inner.prefix;
      if (!inner.complete) return { prefix, complete: false };
      prefix += span.literal.text;
    }
    return { prefix, complete: true };
  }
  if (isBinaryExpression(e) && e.operatorToken.kind === SyntaxKind.PlusToken) {
    const left = stringShape(e.left, resolver, depth + 1);
    if (!left) return undefined;
    if (!left.complete) return left;
    const right = stringShape(e.right, resolver, depth + 1);
    return right ? { prefix: left.prefix + right.prefix, complete: right.complete } : { prefix: left.prefix, complete: false };
  }
  if (isNumericLiteral(e)) return { prefix: e.text, complete: true };
  if (isIdentifier(e) || isPropertyAccessExpression(e)) {
    const init = constValue(e, resolver);
    return init ? stringShape(init, resolver, depth + 1) : undefined;
  }
  return undefined;
}

export function staticString(node: ts.Expression, resolver: Resolver): string | undefined {
  const s = stringShape(node, resolver);
  return s?.complete ? s.prefix : undefined;
}

/** The literal a `const` identifier (or a property of a `const` object) stands for. */
function constValue(e: ts.Identifier | ts.PropertyAccessExpression, resolver: Resolver): ts.Expression | undefined {
  const init = constInitializer(e, resolver);
  // Guard against `const a = a`-style loops handing back the same node.
  return init && init !== e ? init : undefined;
}

export function staticNumber(node: ts.Expression, resolver: Resolver, depth = 0): number | undefined {
  const e = skipOuter(node);
  if (depth > 8) return undefined;
  if (isNumericLiteral(e)) return Number(e.text);
  if (isPrefixUnaryExpression(e) && e.operator === SyntaxKind.MinusToken) {
    const v = staticNumber(e.operand, resolver, depth + 1);
    return v === undefined ? undefined : -v;
  }
  if (isBinaryExpression(e)) {
    const a = staticNumber(e.left, resolver, depth + 1);
    const b = staticNumber(e.right, resolver, depth + 1);
    if (a === undefined || b === undefined) return undefined;
    switch (e.operatorToken.kind) {
      case SyntaxKind.PlusToken:
        return a + b;
      case SyntaxKind.MinusToken:
        return a - b;
      case SyntaxKind.AsteriskToken:
        return a * b;
      case SyntaxKind.SlashToken:
        return b === 0 ? undefined : a / b;
      default:
        return undefined;
    }
  }
  if (isIdentifier(e) || isPropertyAccessExpression(e)) {
    const init = constValue(e, resolver);
    return init ? staticNumber(init, resolver, depth + 1) : undefined;
  }
  return undefined;
}

/** Properties of an object literal argument (followed through `const`), by static name. */
export function objectProperties(node: ts.Expression, resolver: Resolver): Map<string, ts.Expression> | undefined {
  const e = skipOuter(node);
  const obj = isObjectLiteralExpression(e) ? e : constInitializer(e, resolver);
  if (!obj || !isObjectLiteralExpression(obj)) return undefined;
  const props = new Map<string, ts.Expression>();
  for (const p of obj.properties) {
    if (isPropertyAssignment(p) && (isIdentifier(p.name) || isStringLiteralLike(p.name))) props.set(p.name.text, p.initializer);
    else if (isShorthandPropertyAssignment(p)) props.set(p.name.text, p.name);
  }
  return props;
}

/** Is this argument an options object (an object literal, directly or through a `const`)? */
export function isObjectArgument(node: ts.Expression, resolver: Resolver): boolean {
  const e = skipOuter(node);
  return isObjectLiteralExpression(e) || (isIdentifier(e) && resolver.expression(e).kind === "object");
}
