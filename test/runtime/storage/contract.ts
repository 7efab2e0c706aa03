/**
 * The storage contract suite, written once and run against every backend
 * (s3.test.ts: the S3 backend on s3rver; local.test.ts: local files). Each
 * case works under its own folder, so cases share one server.
 */
import { clearStorageListeners, configureStorage, storage, StoragePathError, type StorageEvent } from "../../../src/runtime/storage";
import type { StorageHarness } from "../../support/storage";

let counter = 0;
function folder(name: string): string {
  counter++;
  return `${name}${counter}-${Date.now().toString(36)}`;
}

async function collect(pages: AsyncIterable<string[]>): Promise<string[][]> {
  const out: string[][] = [];
  for await (const page of pages) out.push(page);
  return out;
}

export function storageContract(start: () => Promise<StorageHarness>): void {
  let harness: StorageHarness | undefined;
  const h = () => {
    if (!harness) throw new Error("harness not started");
    return harness;
  };
  beforeAll(async () => {
    harness = await start();
    configureStorage(harness.backend);
  });
  afterAll(async () => {
    clearStorageListeners();
    configureStorage(undefined);
    await harness?.close();
  });

  test("write, read (stream and buffer), readBuffer, exists, stat", async () => {
    const d = folder("rw");
    const written = await storage.write(`${d}/hello.txt`, "hello world", { metadata: { Owner: "ann", n: "1" } });
    expect(written).toEqual({ path: `${d}/hello.txt`, size: 11, type: "text/plain", metadata: { owner: "ann", n: "1" } });
    expect((await storage.readBuffer(`${d}/hello.txt`))?.toString()).toBe("hello world");
    expect((await storage.read(`${d}/hello.txt`, { buffer: true }))?.toString()).toBe("hello world");
    const stream = await storage.read(`${d}/hello.txt`);
    const chunks: Buffer[] = [];
    for await (const c of stream ?? []) chunks.push(Buffer.from(c));
    expect(Buffer.concat(chunks).toString()).toBe("hello world");
    expect(await storage.exists(`${d}/hello.txt`)).toBe(true);
    const st = await storage.stat(`${d}/hello.txt`);
    expect(st).toMatchObject({ size: 11, type: "text/plain", metadata: { owner: "ann", n: "1" } });
    expect(st?.lastModified).toBeInstanceOf(Date);
    const bin = Buffer.from([0, 255, 1, 254]);
    await storage.write(`${d}/data.bin`, bin, { type: "application/x-thing" });
    expect(await storage.readBuffer(`${d}/data.bin`)).toEqual(bin);
    expect((await storage.stat(`${d}/data.bin`))?.type).toBe("application/x-thing");
  });

  test("a missing file reads as undefined", async () => {
    const d = folder("missing");
    expect(await storage.read(`${d}/nope.txt`)).toBeUndefined();
    expect(await storage.readBuffer(`${d}/nope.txt`)).toBeUndefined();
    expect(await storage.stat(`${d}/nope.txt`)).toBeUndefined();
    expect(await storage.exists(`${d}/nope.txt`)).toBe(false);
    expect(await storage.remove(`${d}/nope.txt`)).toBe(false);
    expect(await storage.copy(`${d}/nope.txt`, `${d}/other`)).toBeUndefined();
  });

  test("paths are normalised and `..` never escapes the store", async () => {
    const d = folder("paths");
    await storage.write(`/${d}//a/./b.txt`, "1");
    expect((await storage.readBuffer(`${d}/a/b.txt`))?.toString()).toBe("1");
    expect((await storage.readBuffer(`${d}\\a\\b.txt`))?.toString()).toBe("1");
    const escaped = await storage.write(`../../../../${d}/x/../../etc/passwd`, "inside");
    expect(escaped.path).toBe("etc/passwd");
    expect((await storage.readBuffer("/etc/passwd"))?.toString()).toBe("inside");
    expect((await storage.readBuffer(`${d}/../etc/passwd`))?.toString()).toBe("inside");
    await storage.remove("etc/passwd");
    await expect(storage.write("../", "x")).rejects.toThrow(StoragePathError);
    await expect(storage.write("a\0b", "x")).rejects.toThrow(StoragePathError);
  });

  test("copy and move into a folder keep content, type and metadata", async () => {
    const d = folder("cp");
    await storage.write(`${d}/src/pic.png`, Buffer.from("png"), { metadata: { tag: "t" } });
    expect(await storage.copy(`${d}/src/pic.png`, `${d}/copies`)).toBe(`${d}/copies/pic.png`);
    expect(await storage.stat(`${d}/copies/pic.png`)).toMatchObject({ type: "image/png", metadata: { tag: "t" }, size: 3 });
    expect(await storage.exists(`${d}/src/pic.png`)).toBe(true);
    expect(await storage.move(`${d}/src/pic.png`, `${d}/moved/`)).toBe(`${d}/moved/pic.png`);
    expect(await storage.exists(`${d}/src/pic.png`)).toBe(false);
    expect((await storage.readBuffer(`${d}/moved/pic.png`))?.toString()).toBe("png");
    expect(await storage.remove(`${d}/moved/pic.png`)).toBe(true);
    expect(await storage.exists(`${d}/moved/pic.png`)).toBe(false);
  });

  test("list: pages of names relative to the folder listed (full paths from the root), recursive or one level with sub-folders", async () => {
    const d = folder("ls");
    const names = Array.from({ length: 23 }, (_, i) => `f${String(i).padStart(2, "0")}.txt`);
    await Promise.all(names.map((n) => storage.write(`${d}/${n}`, "x")));
    await storage.write(`${d}/sub/a.txt`, "x");
    await storage.write(`${d}/sub/deeper/b.txt`, "x");
    await storage.write(`${d}/zed/c.txt`, "x");
    const flat = await collect(storage.list(d, { pageSize: 10 }));
    expect(flat.map((p) => p.length)).toEqual([10, 10, 5]);
    expect(flat.flat()).toEqual([...names, "sub/", "zed/"]);
    const deep = (await collect(storage.list(`/${d}/`, { recursive: true, pageSize: 1000 }))).flat();
    expect(deep).toEqual([...names, "sub/a.txt", "sub/deeper/b.txt", "zed/c.txt"]);
    const fromRoot = (await collect(storage.list("/", { recursive: true, pageSize: 1000 }))).flat();
    expect(fromRoot).toEqual(expect.arrayContaining([`${d}/f00.txt`, `${d}/sub/deeper/b.txt`]));
    expect((await collect(storage.list(`${d}/sub`))).flat()).toEqual(["a.txt", "deeper/"]);
    expect(await collect(storage.list(`${d}/none`))).toEqual([]);
    expect(() => storage.list(d, { pageSize: 0 })).toThrow(/pageSize/);
  });

  test("list pages through more than 1000 objects", async () => {
    const d = folder("many");
    const names = Array.from({ length: 1030 }, (_, i) => String(i).padStart(4, "0"));
    for (let i = 0; i < names.length; i += 100) await Promise.all(names.slice(i, i + 100).map((n) => storage.write(`${d}/${n}`, "")));
    const pages = await collect(storage.list(d, { pageSize: 1000, recursive: true }));
    expect(pages.map((p) => p.length)).toEqual([1000, 30]);
    expect(pages.flat()).toEqual(names);
  });

  test("signed download and upload URLs round-trip over HTTP", async () => {
    const d = folder("url");
    await storage.write(`${d}/doc one.txt`, "downloaded", { type: "text/plain" });
    const down = await storage.getDownloadUrl(`${d}/doc one.txt`);
    const got = await fetch(down);
    expect(got.status).toBe(200);
    expect(await got.text()).toBe("downloaded");
    const up = await storage.getUploadUrl(`${d}/up/new.json`, 60);
    const put = await fetch(up, { method: "PUT", body: '{"a":1}', headers: { "content-type": "application/json" } });
    expect(put.status).toBe(200);
    expect((await storage.readBuffer(`${d}/up/new.json`))?.toString()).toBe('{"a":1}');
    // A URL is only good for its own method. Skipped on s3rver, which checks
    // expiry but not signatures; S3 does.
    if (h().checksSignatures) expect((await fetch(up)).status).toBe(403);
    await expect(storage.getDownloadUrl(`${d}/x`, 0)).rejects.toThrow(/lifetime/);
  });

  test("storage.on: write and remove events with globs", async () => {
    const d = folder("on");
    const seen: StorageEvent[] = [];
    const all: string[] = [];
    storage.on(`write:${d}/images/**/*.png`, (e) => void seen.push(e));
    storage.on(`remove:${d}/**`, { timeout: 5000 }, (e) => void seen.push(e));
    storage.on("*", (e) => void (e.path.startsWith(d) && all.push(`${e.name} ${e.path}`)));
    await storage.write(`${d}/images/a/cat.png`, "c");
    await storage.write(`${d}/images/a/cat.txt`, "c");
    await storage.copy(`${d}/images/a/cat.png`, `${d}/images/b`);
    await storage.remove(`${d}/images/a/cat.png`);
    await h().settle();
    const key = (e: StorageEvent) => `${e.name} ${e.path}`;
    expect(seen.map(key).sort()).toEqual([`remove ${d}/images/a/cat.png`, `write ${d}/images/a/cat.png`, `write ${d}/images/b/cat.png`]);
    expect(seen[0]).toEqual({ name: "write", path: `${d}/images/a/cat.png` });
    expect(all).toHaveLength(4);
    expect(() => storage.on("changed:x", () => undefined)).toThrow(/unknown event/);
  });

  test("a throwing storage.on handler is retried (local) or fails the notification batch (AWS)", async () => {
    const d = folder("retry");
    let calls = 0;
    storage.on(`write:${d}/*`, () => {
      calls++;
      if (calls < 3) throw new Error("flaky");
    });
    await storage.write(`${d}/f`, "x");
    if (h().retriesHandlers) {
      await h().settle();
    } else {
      await expect(h().settle()).rejects.toThrow("flaky");
      await expect(h().settle()).rejects.toThrow("flaky");
      await h().settle();
    }
    expect(calls).toBe(3);
  });
}
