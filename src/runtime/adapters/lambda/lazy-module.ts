/**
 * A module's exports that load on first touch: what the Lambda bundle puts
 * in place of a package that Express's modules `require` when they load but
 * that a request only needs for some work (iconv-lite: decoding a body;
 * mime-types: content negotiation and `req.is`). The package itself is a
 * separate file beside the bundle (`vendor/<name>.cjs`, see
 * `src/synth/lazy-chunks.ts`), so a cold start neither parses nor runs it
 * until a request needs it.
 *
 * Input: `load`, called at most once, on the first property read, `in`
 * test, key listing, write or descriptor lookup. Output: a proxy that
 * forwards each of those to the loaded exports (functions are returned as
 * they are; the packages it stands for do not use `this`).
 * Invariants: `load` errors propagate to the touching code, and a later
 * touch tries again.
 */
export function lazyModule<T extends object>(load: () => T): T {
  let loaded: T | undefined;
  const real = (): T => (loaded ??= load());
  // The target stays an empty, extensible object: every answer comes from the loaded module.
  return new Proxy({} as T, {
    get: (_target, key) => Reflect.get(real(), key),
    has: (_target, key) => Reflect.has(real(), key),
    set: (_target, key, value) => Reflect.set(real(), key, value),
    deleteProperty: (_target, key) => Reflect.deleteProperty(real(), key),
    ownKeys: () => Reflect.ownKeys(real()),
    getOwnPropertyDescriptor: (_target, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(real(), key);
      // A proxy may not report a non-configurable property its target lacks.
      return descriptor && { ...descriptor, configurable: true };
    },
    defineProperty: (_target, key, descriptor) => Reflect.defineProperty(real(), key, descriptor),
    getPrototypeOf: () => Reflect.getPrototypeOf(real()),
  });
}
