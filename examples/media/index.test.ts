// Run with `npx iac test examples/media`. Listeners run in the background,
// as they do when deployed, so the tests wait for their effects.
import { api, data, schedule, storage } from "iac";

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4" fill="teal"/></svg>';

/** A multipart/form-data body with one file field, as a browser sends it. */
function multipart(field: string, filename: string, type: string, content: string) {
  const boundary = "----iac-test-boundary";
  const body = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\n` +
      `Content-Type: ${type}\r\n\r\n${content}\r\n--${boundary}--\r\n`,
  );
  return { body, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

async function eventually<T>(probe: () => Promise<T | undefined | null | false>, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error("timed out waiting for a listener");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function upload(filename = "square.svg", type = "image/svg+xml", content = SVG) {
  const { body, headers } = multipart("file", filename, type, content);
  return api.post("/media").invoke(body, { headers });
}

test("an upload is stored, listed and linked", async () => {
  const res = await upload();
  expect(res.status).toBe(201);
  const media = res.body as { id: string; path: string; size: number; name: string };
  expect(media).toMatchObject({ name: "square.svg", type: "image/svg+xml", size: Buffer.byteLength(SVG), status: "uploaded" });
  expect(media.path).toMatch(new RegExp(`^uploads/${media.id}--square\\.svg$`));

  expect((await storage.readBuffer(media.path))?.toString()).toBe(SVG);

  const one = await api.get(`/media/${media.id}`).invoke();
  expect(one.status).toBe(200);
  expect(typeof (one.body as { downloadUrl: unknown }).downloadUrl).toBe("string");

  const original = await api.get(`/media/${media.id}/original`).invoke();
  expect(original.status).toBe(200);
  expect(original.headers["content-type"]).toMatch(/^image\/svg\+xml/);

  const list = await api.get("/media").invoke();
  expect((list.body as { items: { id: string }[] }).items.map((m) => m.id)).toContain(media.id);
});

test("the storage listener makes a public thumbnail and updates the record", async () => {
  const { id } = (await upload("teal.svg")).body as { id: string };

  const thumbnail = await eventually(() => data.get(`thumbnail:${id}`));
  expect(thumbnail).toMatchObject({ id, width: 160, url: `/public/thumbnails/${id}.svg` });
  expect(await storage.exists(`public/thumbnails/${id}.svg`)).toBe(true);

  const media = await eventually(async () => {
    const record = (await data.get(`media:${id}`)) as { status: string } | undefined;
    return record?.status === "processed" && record;
  });
  expect(media).toMatchObject({ thumbnail: `/public/thumbnails/${id}.svg`, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
});

test("the data listener counts uploads", async () => {
  await upload("counted.svg");
  const stats = await eventually(async () => {
    const { body } = await api.get("/stats").invoke();
    return (body as { files: number }).files >= 1 && (body as { files: number; bytes: number });
  });
  expect(stats.bytes).toBeGreaterThanOrEqual(Buffer.byteLength(SVG));
});

test("the upload middleware rejects a missing file and non-images", async () => {
  const empty = await api.post("/media").invoke({ nothing: true });
  expect(empty.status).toBe(400);

  const text = await upload("notes.txt", "text/plain", "hello");
  expect(text.status).toBe(415);
  const { items } = (await api.get("/media").invoke()).body as { items: { name: string }[] };
  expect(items.map((m) => m.name)).not.toContain("notes.txt");
});

test("upload URLs are signed for a pending record", async () => {
  const { status, body } = await api.post("/media/upload-url").invoke({ name: "big.png", type: "image/png" });
  expect(status).toBe(201);
  const { id, uploadUrl } = body as { id: string; uploadUrl: string };
  expect(uploadUrl).toMatch(/^https?:\/\//);
  expect(await data.get(`media:${id}`)).toMatchObject({ status: "pending", name: "big.png" });
});

test("DELETE removes the files and the records", async () => {
  const { id, path } = (await upload("doomed.svg")).body as { id: string; path: string };
  await eventually(() => data.get(`thumbnail:${id}`));

  expect((await api.delete(`/media/${id}`).invoke()).status).toBe(204);
  expect(await storage.exists(path)).toBe(false);
  expect(await storage.exists(`public/thumbnails/${id}.svg`)).toBe(false);
  expect(await data.get(`media:${id}`)).toBeFalsy();
  expect((await api.get(`/media/${id}`).invoke()).status).toBe(404);
});

test("the weekly cleanup moves orphaned uploads to trash", async () => {
  await storage.write("uploads/orphan123--lost.png", Buffer.from("not really a png"), { type: "image/png" });
  const { path: kept } = (await upload("kept.svg")).body as { path: string };

  await schedule.cron("0 3 ? * MON *").invoke();

  expect(await storage.exists("uploads/orphan123--lost.png")).toBe(false);
  expect(await storage.exists("trash/orphan123--lost.png")).toBe(true);
  expect(await storage.exists(kept)).toBe(true);
});
