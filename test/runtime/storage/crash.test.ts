/**
 * The embedded store after a process is killed mid-write (SIGKILL while it
 * writes as fast as it can): every object's bytes and metadata come from the
 * same write, and no temp file or orphan metadata is left once the store is
 * opened again.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { createLocalStorageBackend } from "../../../src/runtime/storage/local";

const REPO = path.resolve(__dirname, "..", "..", "..");

test("SIGKILL during writes: objects and their types agree, leftovers are swept at the next start", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iac-storage-crash-"));
  try {
    const writer = `
      const { createLocalStorageBackend } = require(${JSON.stringify(path.join(REPO, "dist", "runtime", "storage", "local.js"))});
      const store = createLocalStorageBackend({ dir: process.argv[1], baseUrl: "http://localhost:1/_iac/storage" });
      let n = 0;
      (async () => {
        for (;;) {
          const body = Buffer.alloc(64 * 1024, n % 256);
          await store.write("f/" + (n % 50) + ".bin", body, { type: "application/x-crash", metadata: { n: String(n) } });
          if (++n === 20) process.stdout.write("writing\\n");
        }
      })();
    `;
    const child = spawn(process.execPath, ["-e", writer, dir], { stdio: ["ignore", "pipe", "inherit"] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", () => resolve());
      child.once("exit", (code) => reject(new Error(`the writer exited with ${code} before writing`)));
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));

    const store = createLocalStorageBackend({ dir, baseUrl: "http://localhost:1/_iac/storage" });
    expect(fs.readdirSync(path.join(dir, "tmp"))).toEqual([]);
    const paths: string[] = [];
    for await (const page of store.list("f/", true, 1000)) paths.push(...page);
    expect(paths.length).toBeGreaterThan(0);
    for (const p of paths) {
      // Each write's bytes are its number (mod 256), its metadata the number: they must be the same write's.
      const st = await store.stat(p);
      const bytes = fs.readFileSync(path.join(dir, "files", ...p.split("/")));
      expect({ path: p, type: st?.type, n: Number(st?.metadata.n) % 256 }).toEqual({ path: p, type: "application/x-crash", n: bytes[0] });
    }
    const metas = fs.readdirSync(path.join(dir, "meta", "f"));
    expect(metas.sort()).toEqual(paths.map((p) => `${path.basename(p)}.json`).sort());
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
