/**
 * Syntax helpers every analyzer step shares: which nodes are functions, the
 * specifier of a literal `require("x")`, and an expression with its
 * parentheses and type assertions taken off. Pure over one node; a leaf
 * module, so scopes, the resolver and the scans can all import it.
 */
import ts = require("typescript");
import { kindTable } from "./kinds";

const {
  isAsExpression,
  isCallExpression,
  isIdentifier,
  isNonNullExpression,
  isParenthesizedExpression,
  isSatisfiesExpression,
  isStringLiteralLike,
  isTypeAssertionExpression,
  SyntaxKind,
} = ts;

export type FunctionLike =
  | ts.FunctionDeclaration
  | ts.FunctionExpression
  | ts.ArrowFunction
  | ts.MethodDeclaration
  | ts.ConstructorDeclaration
  | ts.GetAccessorDeclaration
  | ts.SetAccessorDeclaration;

/** Kinds that are function-likes, by kind number: asked of every node the scan visits, so one array read. */
const FUNCTION_LIKE_KINDS = kindTable([
  SyntaxKind.FunctionDeclaration,
  SyntaxKind.FunctionExpression,
  SyntaxKind.ArrowFunction,
  SyntaxKind.MethodDeclaration,
  SyntaxKind.Constructor,
  SyntaxKind.GetAccessor,
  SyntaxKind.SetAccessor,
]);

export function isFunctionLike(node: ts.Node): node is FunctionLike {
  return FUNCTION_LIKE_KINDS[node.kind] === 1;
}

/** `require("x")` with a literal argument: the specifier, else undefined. */
export function requireSpecifier(node: ts.Node): string | undefined {
  if (!isCallExpression(node) || node.arguments.length !== 1) return undefined;
  if (!isIdentifier(node.expression) || node.expression.text !== "require") return undefined;
  const arg = node.arguments[0];
  return isStringLiteralLike(arg) ? arg.text : undefined;
}

export function skipOuter(expr: ts.Expression): ts.Expression {
  let e = expr;
  while (isParenthesizedExpression(e) || isAsExpression(e) || isNonNullExpression(e) || isSatisfiesExpression(e) || isTypeAssertionExpression(e)) {
    e = e.expression;
  }
  return e;
}
