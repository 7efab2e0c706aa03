/**
 * lazyModule: the stand-in the Lambda bundle uses for packages loaded on
 * first use (src/synth/lazy-chunks.ts). Nothing loads until the exports are
 * touched; then every kind of touch answers from the real module.
 */
import { lazyModule } from "../../../src/runtime/adapters/lambda/lazy-module";

function counted<T>(make: () => T): { load: () => T; loads: () => number } {
  let n = 0;
  return {
    load: () => {
      n += 1;
      return make();
    },
    loads: () => n,
  };
}

describe("lazyModule", () => {
  test("loads on the first property read, once, and forwards reads and calls", () => {
    const real = { lookup: (ext: string) => (ext === "json" ? "application/json" : false), types: { json: "application/json" } };
    const { load, loads } = counted(() => real);
    const mod = lazyModule(load);
    expect(loads()).toBe(0);
    expect(mod.lookup("json")).toBe("application/json");
    expect(mod.types.json).toBe("application/json");
    expect(mod.types).toBe(real.types);
    expect(loads()).toBe(1);
  });

  test("`in`, key listing, spreading, writes and deletes reach the real module", () => {
    const real: Record<string, unknown> = { a: 1, b: 2 };
    const { load, loads } = counted(() => real);
    const mod = lazyModule(load);
    expect("a" in mod).toBe(true);
    expect(loads()).toBe(1);
    expect(Object.keys(mod)).toEqual(["a", "b"]);
    expect({ ...mod }).toEqual({ a: 1, b: 2 });
    mod.c = 3;
    expect(real.c).toBe(3);
    delete mod.a;
    expect(real).toEqual({ b: 2, c: 3 });
    expect(Object.getOwnPropertyDescriptor(mod, "b")).toEqual({ value: 2, writable: true, enumerable: true, configurable: true });
    expect(loads()).toBe(1);
  });

  test("non-configurable properties of the real module are still described (proxy invariants hold)", () => {
    const real = Object.defineProperty({}, "fixed", { value: 7, enumerable: true, configurable: false });
    const mod = lazyModule(() => real as { fixed: number });
    expect(mod.fixed).toBe(7);
    expect(Object.getOwnPropertyDescriptor(mod, "fixed")?.value).toBe(7);
    expect(Object.keys(mod)).toEqual(["fixed"]);
  });

  test("a failing load throws to the code that touched it, and the next touch tries again", () => {
    let attempts = 0;
    const mod = lazyModule(() => {
      attempts += 1;
      if (attempts === 1) throw new Error("chunk missing");
      return { ok: true };
    });
    expect(() => mod.ok).toThrow("chunk missing");
    expect(mod.ok).toBe(true);
    expect(attempts).toBe(2);
  });

  test("the prototype is the real module's", () => {
    class Codec {
      name(): string {
        return "utf8";
      }
    }
    const mod = lazyModule(() => new Codec());
    expect(Object.getPrototypeOf(mod)).toBe(Codec.prototype);
    expect(mod.name()).toBe("utf8");
  });
});
