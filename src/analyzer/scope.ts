/**
 * Which declaration an identifier names, by JavaScript's scoping rules,
 * without the checker: binding every file (the checker's price for scope
 * lookup) was a fifth of the analysis. Only value meanings matter here,
 * since what we resolve are callees, arguments and their `const`s.
 *
 * Scopes: a module or script (imports, top-level declarations, hoisted
 * `var`s), a function (parameters, then its body, hoisted `var`s), a block,
 * `case` block, `for` header or `catch` clause (`let`, `const`, `class`, and
 * in strict code functions), plus the own name of a function or class
 * expression. Each scope's table is built once, on first use, from its
 * statements only (no walk of expressions).
 *
 * When a name is declared twice in one scope the first declaration wins,
 * function declarations before other statements: that is how the binder
 * picks a merged symbol's value declaration, and what the resolver takes as the name's value.
 */
import ts = require("typescript");
import { bindingCount } from "./names";
import { type FunctionLike, isFunctionLike } from "./syntax";

const {
  forEachChild,
  isBlock,
  isCaseBlock,
  isCatchClause,
  isClassDeclaration,
  isClassExpression,
  isClassLike,
  isClassStaticBlockDeclaration,
  isEnumDeclaration,
  isExpression,
  isExpressionStatement,
  isExternalModule,
  isForInStatement,
  isForOfStatement,
  isForStatement,
  isFunctionDeclaration,
  isFunctionExpression,
  isIdentifier,
  isImportDeclaration,
  isImportEqualsDeclaration,
  isModuleBlock,
  isModuleDeclaration,
  isNamespaceImport,
  isOmittedExpression,
  isSourceFile,
  isStringLiteral,
  isVariableDeclarationList,
  isVariableStatement,
  NodeFlags,
  SyntaxKind,
} = ts;

type Table = Map<string, ts.Declaration>;

export class Scopes {
  private readonly tables = new Map<ts.Node, Table>();
  private readonly strictFiles = new Map<ts.SourceFile, boolean>();

  /** `alwaysStrict` as the compiler sees it (TypeScript 6: on unless set to false). */
  constructor(private readonly alwaysStrict: boolean) {}

  /** The declaration `name` refers to where `at` stands; undefined for globals and undeclared names. */
  lookup(name: string, at: ts.Node, file: ts.SourceFile = at.getSourceFile()): ts.Declaration | undefined {
    // Bound once in the file, and that once in module scope: nothing can shadow it (imports, top-level
    // functions and constants, the usual case), so no walk up the scopes.
    if (bindingCount(file, name) === 1) {
      const top = this.table(file).get(name);
      if (top) return top;
    }
    let child: ts.Node = at;
    let node: ts.Node | undefined = at.parent;
    while (node) {
      if (isScope(node)) {
        // A parameter's default value sees the parameters, not what the body declares
        // (`function f(x = data) { const data = 1 }` reads the outer `data`), as the checker resolves it.
        const hit = (isFunctionScope(node) && !isClassStaticBlockDeclaration(node) && child !== node.body ? this.parameterTable(node) : this.table(node)).get(
          name,
        );
        if (hit) return hit;
      }
      // Checked after the function's own scope, as the checker does: a parameter of that name shadows it.
      if ((isFunctionExpression(node) || isClassExpression(node)) && node.name?.text === name) return node;
      child = node;
      node = node.parent;
    }
    return undefined;
  }

  private table(scope: ts.Node): Table {
    let t = this.tables.get(scope);
    if (!t) {
      t = this.build(scope);
      this.tables.set(scope, t);
    }
    return t;
  }

  /** A function's parameters only: the scope of its parameter list (default values, computed names in patterns). */
  private parameterTable(fn: FunctionLike): Table {
    let t = this.parameterTables.get(fn);
    if (!t) {
      t = new Map();
      const table = t;
      const addBinding = (name: ts.BindingName, decl: ts.ParameterDeclaration | ts.BindingElement): void => {
        if (isIdentifier(name)) {
          if (!table.has(name.text)) table.set(name.text, decl);
          return;
        }
        for (const el of name.elements) if (!isOmittedExpression(el)) addBinding(el.name, el);
      };
      for (const p of fn.parameters) addBinding(p.name, p);
      this.parameterTables.set(fn, t);
    }
    return t;
  }

  private readonly parameterTables = new Map<FunctionLike, Table>();

  private build(scope: ts.Node): Table {
    const t: Table = new Map();
    const add = (name: string, decl: ts.Declaration): void => {
      if (!t.has(name)) t.set(name, decl);
    };
    const addBinding = (name: ts.BindingName, decl: ts.VariableDeclaration | ts.ParameterDeclaration | ts.BindingElement): void => {
      if (isIdentifier(name)) return add(name.text, decl);
      for (const el of name.elements) if (!isOmittedExpression(el)) addBinding(el.name, el);
    };
    const strict = this.isStrict(scope.getSourceFile());

    if (isForStatement(scope) || isForInStatement(scope) || isForOfStatement(scope)) {
      const init = scope.initializer;
      if (init && isVariableDeclarationList(init) && isBlockScoped(init)) for (const d of init.declarations) addBinding(d.name, d);
      return t;
    }
    if (isCatchClause(scope)) {
      if (scope.variableDeclaration) addBinding(scope.variableDeclaration.name, scope.variableDeclaration);
      return t;
    }
    if (isFunctionScope(scope)) {
      if (!isClassStaticBlockDeclaration(scope)) for (const p of scope.parameters) addBinding(p.name, p);
      const body = scope.body;
      if (body && isBlock(body)) this.addStatements(body.statements, true, strict, add, addBinding);
      return t;
    }
    if (isSourceFile(scope) || isModuleBlock(scope)) {
      this.addStatements(scope.statements, true, strict, add, addBinding);
      return t;
    }
    const statements = isCaseBlock(scope) ? scope.clauses.flatMap((c) => [...c.statements]) : isBlock(scope) ? scope.statements : [];
    this.addStatements(statements, false, strict, add, addBinding);
    return t;
  }

  /** A statement list's declarations; for a function or module scope (`hoists`) also the `var`s nested in its blocks. */
  private addStatements(
    statements: readonly ts.Statement[],
    hoists: boolean,
    strict: boolean,
    add: (name: string, decl: ts.Declaration) => void,
    addBinding: (name: ts.BindingName, decl: ts.VariableDeclaration) => void,
  ): void {
    // Sloppy code hoists functions declared in blocks to the function; strict code keeps them in the block.
    if (hoists || strict) for (const st of statements) if (isFunctionDeclaration(st) && st.name) add(st.name.text, st);
    const nested = (node: ts.Node): void => {
      if (isVariableStatement(node)) {
        if (!isBlockScoped(node.declarationList)) for (const d of node.declarationList.declarations) addBinding(d.name, d);
        return;
      }
      if (isVariableDeclarationList(node)) {
        if (!isBlockScoped(node)) for (const d of node.declarations) addBinding(d.name, d);
        return;
      }
      if (isFunctionDeclaration(node)) {
        if (!strict && node.name) add(node.name.text, node);
        return;
      }
      if (isFunctionScope(node) || isClassLike(node) || isModuleDeclaration(node) || isExpression(node)) return;
      forEachChild(node, nested);
    };
    for (const st of statements) {
      if (isVariableStatement(st)) {
        if (hoists || isBlockScoped(st.declarationList)) for (const d of st.declarationList.declarations) addBinding(d.name, d);
      } else if ((isClassDeclaration(st) || isEnumDeclaration(st)) && st.name) {
        add(st.name.text, st);
      } else if (isModuleDeclaration(st) && isIdentifier(st.name)) {
        // `namespace N { ... }`: a value when it holds values (resolve.ts reads its exported members).
        add(st.name.text, st);
      } else if (isImportDeclaration(st)) {
        const clause = st.importClause;
        if (clause?.name) add(clause.name.text, clause);
        const bindings = clause?.namedBindings;
        if (bindings && isNamespaceImport(bindings)) add(bindings.name.text, bindings);
        else if (bindings) for (const s of bindings.elements) add(s.name.text, s);
      } else if (isImportEqualsDeclaration(st)) {
        add(st.name.text, st);
      } else if (hoists && !isFunctionDeclaration(st)) {
        forEachChild(st, nested);
      }
    }
  }

  private isStrict(file: ts.SourceFile): boolean {
    let strict = this.strictFiles.get(file);
    if (strict === undefined) {
      const first = file.statements[0];
      const useStrict = first !== undefined && isExpressionStatement(first) && isStringLiteral(first.expression) && first.expression.text === "use strict";
      strict = this.alwaysStrict || isExternalModule(file) || useStrict;
      this.strictFiles.set(file, strict);
    }
    return strict;
  }
}

/** Where `var` stops: functions with a body (or overloads without one) and class static blocks. */
function isFunctionScope(node: ts.Node): node is FunctionLike | ts.ClassStaticBlockDeclaration {
  return isFunctionLike(node) || isClassStaticBlockDeclaration(node);
}

function isScope(node: ts.Node): boolean {
  // Asked of every ancestor on every lookup: one switch on the kind.
  switch (node.kind) {
    case SyntaxKind.Block:
      return !isFunctionScope(node.parent);
    case SyntaxKind.SourceFile:
    case SyntaxKind.ModuleBlock:
    case SyntaxKind.CaseBlock:
    case SyntaxKind.CatchClause:
    case SyntaxKind.ForStatement:
    case SyntaxKind.ForInStatement:
    case SyntaxKind.ForOfStatement:
    case SyntaxKind.ClassStaticBlockDeclaration:
      return true;
    default:
      return isFunctionLike(node);
  }
}

function isBlockScoped(list: ts.VariableDeclarationList): boolean {
  return (list.flags & NodeFlags.BlockScoped) !== 0;
}
