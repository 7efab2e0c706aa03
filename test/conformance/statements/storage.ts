/** docs/sdk.md, "storage": files, listings, signed URLs and listeners. */
import { Readable } from "stream";
import { storage } from "iac";
import type { Area } from "./types";
import { collect, eventually, request, sleep, stays, unique } from "./util";

const text = async (path: string): Promise<string | undefined> => (await storage.readBuffer(path))?.toString("utf8");

export const storageArea: Area = {
  name: "storage",
  statements: [
    {
      id: "storage.write.result",
      title: "write answers { path, size, type, metadata }: the type from the option or the extension, metadata keys in lower case",
      async run() {
        const d = unique("w");
        expect(await storage.write(`${d}/hello.txt`, "hello world", { metadata: { Owner: "ann", n: "1" } })).toEqual({
          path: `${d}/hello.txt`,
          size: 11,
          type: "text/plain",
          metadata: { owner: "ann", n: "1" },
        });
        expect(await storage.write(`${d}/data.bin`, Buffer.from([0, 255]), { type: "application/x-thing" })).toEqual({
          path: `${d}/data.bin`,
          size: 2,
          type: "application/x-thing",
          metadata: {},
        });
        expect((await storage.write(`${d}/pic.png`, new Uint8Array([1, 2, 3]))).type).toBe("image/png");
        expect((await storage.write(`${d}/streamed.csv`, Readable.from([Buffer.from("a,b\n"), Buffer.from("1,2\n")]))).size).toBe(8);
        expect(await storage.readBuffer(`${d}/streamed.csv`)).toEqual(Buffer.from("a,b\n1,2\n"));
      },
    },
    {
      id: "storage.read",
      title: "read answers a stream, read(path, { buffer: true }) and readBuffer a Buffer",
      async run() {
        const d = unique("r");
        const bytes = Buffer.from([0, 1, 2, 250, 251, 252]);
        await storage.write(`${d}/f.bin`, bytes);
        const stream = await storage.read(`${d}/f.bin`);
        if (!stream) throw new Error("read answered undefined for a file that exists");
        const chunks: Buffer[] = [];
        for await (const chunk of stream) chunks.push(Buffer.from(chunk));
        expect(Buffer.concat(chunks)).toEqual(bytes);
        expect(await storage.read(`${d}/f.bin`, { buffer: true })).toEqual(bytes);
        expect(await storage.readBuffer(`${d}/f.bin`)).toEqual(bytes);
      },
    },
    {
      id: "storage.exists-stat",
      title: "exists answers a boolean; stat { size, lastModified, type, metadata }",
      async run() {
        const d = unique("st");
        const before = Date.now();
        await storage.write(`${d}/a.json`, "{}", { metadata: { Tag: "t" } });
        expect(await storage.exists(`${d}/a.json`)).toBe(true);
        const st = await storage.stat(`${d}/a.json`);
        expect(st).toMatchObject({ size: 2, type: "application/json", metadata: { tag: "t" } });
        expect(st?.lastModified).toBeInstanceOf(Date);
        expect(st?.lastModified.getTime()).toBeGreaterThanOrEqual(before - 2000);
      },
    },
    {
      id: "storage.missing",
      title: "a missing file reads undefined; exists and remove answer false; copy and move answer undefined",
      async run() {
        const d = unique("miss");
        expect(await storage.read(`${d}/none.txt`)).toBeUndefined();
        expect(await storage.readBuffer(`${d}/none.txt`)).toBeUndefined();
        expect(await storage.stat(`${d}/none.txt`)).toBeUndefined();
        expect(await storage.exists(`${d}/none.txt`)).toBe(false);
        expect(await storage.remove(`${d}/none.txt`)).toBe(false);
        expect(await storage.copy(`${d}/none.txt`, `${d}/to`)).toBeUndefined();
        expect(await storage.move(`${d}/none.txt`, `${d}/to`)).toBeUndefined();
        expect(await storage.exists(`${d}/to/none.txt`)).toBe(false);
      },
    },
    {
      id: "storage.paths",
      title: "paths are normalised, and .. can never leave the store",
      async run() {
        const d = unique("p");
        await storage.write(`/${d}//a/./b.txt`, "1");
        expect(await text(`${d}/a/b.txt`)).toBe("1");
        expect(await text(`${d}\\a\\b.txt`)).toBe("1");
        const escaped = await storage.write(`../../../${d}/x/../../escape.txt`, "inside");
        expect(escaped.path).toBe("escape.txt");
        expect(await text("/escape.txt")).toBe("inside");
        expect(await text(`${d}/../escape.txt`)).toBe("inside");
        await storage.remove("escape.txt");
        await expect(storage.write("../", "x")).rejects.toThrow();
      },
    },
    {
      id: "storage.copy",
      title: "copy(from, toDir) copies into the folder under the same name, with type and metadata, and answers the new path",
      async run() {
        const d = unique("cp");
        await storage.write(`${d}/src/pic.png`, Buffer.from("png"), { metadata: { tag: "t" } });
        expect(await storage.copy(`${d}/src/pic.png`, `${d}/copies`)).toBe(`${d}/copies/pic.png`);
        expect(await storage.stat(`${d}/copies/pic.png`)).toMatchObject({ size: 3, type: "image/png", metadata: { tag: "t" } });
        expect(await storage.exists(`${d}/src/pic.png`)).toBe(true);
      },
    },
    {
      id: "storage.move",
      title: "move(from, toDir) moves into the folder and answers the new path",
      async run() {
        const d = unique("mv");
        await storage.write(`${d}/src/doc.txt`, "doc");
        expect(await storage.move(`${d}/src/doc.txt`, `${d}/moved/`)).toBe(`${d}/moved/doc.txt`);
        expect(await storage.exists(`${d}/src/doc.txt`)).toBe(false);
        expect(await text(`${d}/moved/doc.txt`)).toBe("doc");
      },
    },
    {
      id: "storage.remove",
      title: "remove(path) answers true and the file is gone",
      async run() {
        const d = unique("rm");
        await storage.write(`${d}/f.txt`, "x");
        expect(await storage.remove(`${d}/f.txt`)).toBe(true);
        expect(await storage.exists(`${d}/f.txt`)).toBe(false);
        expect(await storage.remove(`${d}/f.txt`)).toBe(false);
      },
    },
    {
      id: "storage.list.names",
      title: "list(dir) yields names relative to dir, sub-folders as name/; recursive lists every file; from / full paths",
      async run() {
        const d = unique("ls");
        await storage.write(`${d}/bin/binaryData.ext`, "x");
        await storage.write(`${d}/a.txt`, "x");
        await storage.write(`${d}/sub/b.txt`, "x");
        await storage.write(`${d}/sub/deeper/c.txt`, "x");
        expect((await collect(storage.list(`${d}/bin`))).flat()).toEqual(["binaryData.ext"]);
        expect((await collect(storage.list(d))).flat()).toEqual(["a.txt", "bin/", "sub/"]);
        expect((await collect(storage.list(`/${d}/`, { recursive: true }))).flat()).toEqual(["a.txt", "bin/binaryData.ext", "sub/b.txt", "sub/deeper/c.txt"]);
        expect((await collect(storage.list("/", { recursive: true }))).flat()).toEqual(
          expect.arrayContaining([`${d}/bin/binaryData.ext`, `${d}/sub/deeper/c.txt`]),
        );
        expect(await collect(storage.list(`${d}/none`))).toEqual([]);
      },
    },
    {
      id: "storage.list.pages",
      title: "list yields pages of pageSize paths (default 100)",
      async run() {
        const d = unique("pages");
        const names = Array.from({ length: 105 }, (_, i) => `f${String(i).padStart(3, "0")}`);
        for (let i = 0; i < names.length; i += 35) await Promise.all(names.slice(i, i + 35).map((n) => storage.write(`${d}/${n}`, "")));
        expect((await collect(storage.list(d))).map((p) => p.length)).toEqual([100, 5]);
        const pages = await collect(storage.list(d, { pageSize: 40 }));
        expect(pages.map((p) => p.length)).toEqual([40, 40, 25]);
        expect(pages.flat()).toEqual(names);
        expect(() => storage.list(d, { pageSize: 0 })).toThrow(/pageSize/);
      },
    },
    {
      id: "storage.urls.download",
      title: "getDownloadUrl answers a URL that downloads the file with a GET, from where the app runs",
      async run() {
        const d = unique("dl");
        await storage.write(`${d}/doc one.txt`, "downloaded", { type: "text/plain" });
        const url = await storage.getDownloadUrl(`${d}/doc one.txt`);
        const res = await fetch(url);
        expect(res.status).toBe(200);
        expect(await res.text()).toBe("downloaded");
      },
    },
    {
      id: "storage.urls.upload",
      title: "getUploadUrl answers a URL that uploads the file with a PUT",
      async run() {
        const d = unique("ul");
        const url = await storage.getUploadUrl(`${d}/up/new.json`, 60);
        const res = await fetch(url, { method: "PUT", body: '{"a":1}', headers: { "content-type": "application/json" } });
        expect(res.status).toBe(200);
        expect(await text(`${d}/up/new.json`)).toBe('{"a":1}');
      },
    },
    {
      id: "storage.urls.lifetime",
      title: "a URL lives the seconds asked (default 3,600; 1 s to 7 days); an expired URL is refused",
      async run() {
        const d = unique("exp");
        await storage.write(`${d}/f.txt`, "x");
        const short = await storage.getDownloadUrl(`${d}/f.txt`, 1);
        const long = await storage.getDownloadUrl(`${d}/f.txt`);
        await sleep(2100);
        expect((await fetch(short)).status).toBe(403);
        expect((await fetch(long)).status).toBe(200);
        await expect(storage.getDownloadUrl(`${d}/f.txt`, 0)).rejects.toThrow(/lifetime/);
        await expect(storage.getUploadUrl(`${d}/f.txt`, 8 * 24 * 3600)).rejects.toThrow(/lifetime/);
      },
    },
    {
      id: "storage.public",
      title: "objects under public/ are served at /public/*",
      skip: { aws: "deployed, CloudFront serves /public/* from the bucket, not a function (test/synth checks the distribution's behaviour)" },
      async run() {
        const d = unique("pub");
        await storage.write(`public/${d}/hello.txt`, "public hello");
        const res = await request(`/public/${d}/hello.txt`);
        expect(res.status).toBe(200);
        expect(res.text).toBe("public hello");
        expect(res.headers["content-type"]).toMatch(/^text\/plain/);
        expect((await request(`/public/${d}/none.txt`)).status).toBe(404);
      },
    },
    {
      id: "storage.on.events",
      title: "storage.on(write:glob | remove:glob | *) handlers get { name, path }",
      async run() {
        const d = unique("on");
        const writes: unknown[] = [];
        const removes: unknown[] = [];
        const all: string[] = [];
        storage.on(`write:${d}/images/**/*.png`, (e) => void writes.push(e));
        storage.on(`remove:${d}/**`, { timeout: 5000 }, (e) => void removes.push(e));
        storage.on("*", (e) => void (e.path.startsWith(`${d}/`) && all.push(`${e.name} ${e.path}`)));
        await storage.write(`${d}/images/a/cat.png`, "c");
        await storage.write(`${d}/images/a/cat.txt`, "c");
        await storage.remove(`${d}/images/a/cat.txt`);
        await eventually(() => expect(all.sort()).toEqual([`remove ${d}/images/a/cat.txt`, `write ${d}/images/a/cat.png`, `write ${d}/images/a/cat.txt`]));
        expect(writes).toEqual([{ name: "write", path: `${d}/images/a/cat.png` }]);
        expect(removes).toEqual([{ name: "remove", path: `${d}/images/a/cat.txt` }]);
        expect(() => storage.on("changed:x", () => undefined)).toThrow(/unknown event/);
      },
    },
    {
      id: "storage.on.copy-move",
      title: "copy is a write of the new path; move a write of the new path and a remove of the old",
      async run() {
        const d = unique("cm");
        const seen: string[] = [];
        storage.on("*", (e) => void (e.path.startsWith(`${d}/`) && seen.push(`${e.name} ${e.path}`)));
        await storage.write(`${d}/a/f.txt`, "f");
        await eventually(() => expect(seen).toEqual([`write ${d}/a/f.txt`]));
        await storage.copy(`${d}/a/f.txt`, `${d}/b`);
        await eventually(() => expect(seen).toContain(`write ${d}/b/f.txt`));
        await storage.move(`${d}/a/f.txt`, `${d}/c`);
        await eventually(() => expect([...seen].sort()).toEqual([`remove ${d}/a/f.txt`, `write ${d}/a/f.txt`, `write ${d}/b/f.txt`, `write ${d}/c/f.txt`]));
        await stays(() => expect(seen).toHaveLength(4), 200);
      },
    },
    {
      id: "storage.on.retry",
      title: "a storage.on handler that throws is retried",
      async run() {
        const d = unique("retry");
        let calls = 0;
        storage.on(`write:${d}/*`, () => {
          calls++;
          if (calls === 1) throw new Error("conformance: a first attempt that fails on purpose");
        });
        await storage.write(`${d}/f`, "x");
        await eventually(() => expect(calls).toBe(2));
        await stays(() => expect(calls).toBe(2), 300);
      },
    },
  ],
};
