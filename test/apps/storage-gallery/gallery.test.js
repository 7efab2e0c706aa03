import { describe, expect, test } from "@jest/globals";
import { api, data, storage } from "@serverless/cloud";
import { photoPath } from "./src/paths.js";

const SVG = '<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>';

function form(filename, type, content) {
  const b = "----matrixboundary";
  return {
    body: Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="photo"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n${content}\r\n--${b}--\r\n`),
    headers: { "content-type": `multipart/form-data; boundary=${b}` },
  };
}

async function waitFor(fn) {
  for (let i = 0; i < 50; i++) {
    const v = await fn();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("timed out");
}

describe("gallery", () => {
  test("photoPath sanitises names", () => {
    expect(photoPath("My Cat.PNG")).toBe("photos/my_cat.png");
  });

  test("upload, list, read back", async () => {
    const { body, headers } = form("dot.svg", "image/svg+xml", SVG);
    const res = await api.post("/photos").invoke(body, { headers });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ name: "dot.svg", size: SVG.length, type: "image/svg+xml" });

    expect((await storage.readBuffer("photos/dot.svg")).toString()).toBe(SVG);
    expect((await api.get("/photos").invoke()).body.names).toContain("dot.svg");

    const back = await api.get("/photos/dot.svg").invoke();
    expect(back.status).toBe(200);
    expect(back.headers["content-type"]).toMatch(/^image\/svg\+xml/);
  });

  test("the storage listener indexes metadata", async () => {
    await storage.write("photos/direct.txt", "hello", { type: "text/plain" });
    const meta = await waitFor(() => data.get("photo:direct.txt"));
    expect(meta).toMatchObject({ path: "photos/direct.txt", size: 5 });
  });

  test("signed URLs work from the test", async () => {
    await storage.write("photos/signed.txt", "signed body");
    const { body } = await api.get("/photos/signed.txt/link").invoke();
    const download = await fetch(body.url);
    expect(download.status).toBe(200);
    expect(await download.text()).toBe("signed body");

    const up = await api.post("/photos/put.txt/upload-url").invoke();
    const put = await fetch(up.body.url, { method: "PUT", body: "uploaded via url" });
    expect(put.ok).toBe(true);
    expect((await storage.readBuffer("photos/put.txt")).toString()).toBe("uploaded via url");
  });

  test("delete removes the file and, via the listener, the metadata", async () => {
    await storage.write("photos/gone.txt", "bye");
    await waitFor(() => data.get("photo:gone.txt"));
    expect((await api.delete("/photos/gone.txt").invoke()).status).toBe(204);
    await waitFor(async () => !(await data.get("photo:gone.txt")));
    expect((await api.get("/photos/gone.txt").invoke()).status).toBe(404);
  });
});
