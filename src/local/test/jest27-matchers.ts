/**
 * The matcher names Jest 30 removed, for tests written for Jest 27
 * (`toBeCalledWith`, `toThrowError`, ...): each calls the current matcher it
 * was an alias of. Installed by setup.ts in every test file of `iac test`.
 */

/**
 * The Jest 27 names Jest 30 removed, each the current matcher it was an
 * alias of (Jest 27's docs: "alias").
 */
const JEST_27_ALIASES = {
  toBeCalled: "toHaveBeenCalled",
  toBeCalledTimes: "toHaveBeenCalledTimes",
  toBeCalledWith: "toHaveBeenCalledWith",
  lastCalledWith: "toHaveBeenLastCalledWith",
  nthCalledWith: "toHaveBeenNthCalledWith",
  toReturn: "toHaveReturned",
  toReturnTimes: "toHaveReturnedTimes",
  toReturnWith: "toHaveReturnedWith",
  lastReturnedWith: "toHaveLastReturnedWith",
  nthReturnedWith: "toHaveNthReturnedWith",
  toThrowError: "toThrow",
} as const;

/** Where the `expect` package keeps its matchers (its own matchers included), shared by every copy of it. */
const JEST_MATCHERS_OBJECT = Symbol.for("$$jest-matchers-object");

type Matcher = (this: jest.MatcherContext, received: unknown, ...expected: unknown[]) => jest.CustomMatcherResult;

function isMatcher(value: unknown): value is Matcher {
  return typeof value === "function";
}

/** The matcher of that name `expect` has now, if any. */
function registeredMatcher(name: string): unknown {
  const holder: unknown = Reflect.get(globalThis, JEST_MATCHERS_OBJECT);
  const matchers: unknown = typeof holder === "object" && holder !== null ? Reflect.get(holder, "matchers") : undefined;
  return typeof matchers === "object" && matchers !== null ? Reflect.get(matchers, name) : undefined;
}

/** A built-in matcher of the `expect` in use; a clear error if this Jest keeps them elsewhere. */
function builtInMatcher(name: string): Matcher {
  const matcher = registeredMatcher(name);
  if (!isMatcher(matcher)) {
    throw new Error(
      `iac test: this Jest's expect keeps no built-in ${name} in globalThis[Symbol.for("$$jest-matchers-object")].matchers, ` +
        `so the Jest 27 matcher names (toBeCalled, toThrowError, ...) cannot be added; iac test needs the Jest it depends on (30.x)`,
    );
  }
  return matcher;
}

/**
 * Registers each removed name as a matcher that calls Jest's own with the
 * same context, so messages, `.not`, `.resolves` and `.rejects` are Jest's,
 * and an assertion counts once for `expect.assertions(n)`. A name this Jest
 * still has is left as it is.
 */
export function installJest27Matchers(): void {
  const added: Record<string, Matcher> = {};
  for (const [old, current] of Object.entries(JEST_27_ALIASES)) {
    if (isMatcher(registeredMatcher(old))) continue;
    const builtIn = builtInMatcher(current);
    added[old] =
      old === "toThrowError"
        ? function (this: jest.MatcherContext, received: unknown, ...expected: unknown[]) {
            return builtIn.call(this, this.promise ? settledAsThrower(received) : received, ...expected);
          }
        : function (this: jest.MatcherContext, received: unknown, ...expected: unknown[]) {
            return builtIn.call(this, received, ...expected);
          };
  }
  expect.extend(added);
}

/**
 * Jest gives `.resolves.toThrow` / `.rejects.toThrow` (by that name only) a
 * variant taking the settled value: an Error counts as thrown, a function is
 * called, anything else is nothing thrown. The same for toThrowError, as the
 * function the plain toThrow calls.
 */
function settledAsThrower(value: unknown): unknown {
  if (value instanceof Error || Object.prototype.toString.call(value) === "[object Error]") {
    return () => {
      throw value;
    };
  }
  return typeof value === "function" ? value : () => undefined;
}
