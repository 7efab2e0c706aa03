/**
 * Bad requests to an app under `iac dev` are the client's errors: a 4xx with
 * a short answer, never a 500 and never a stack trace (which shows install
 * paths). On examples/todo, whose error middleware keeps a client error's
 * status, as an app's should.
 */
import { copyApp, removeDir, type RunningDev, startDev } from "./support/cli";

let dir: string;
let dev: RunningDev;

beforeAll(async () => {
  dir = copyApp("examples/todo");
  dev = await startDev(dir);
});

afterAll(async () => {
  await dev?.stop();
  removeDir(dir);
});

async function send(path: string, init: RequestInit = {}): Promise<{ status: number; text: string }> {
  const res = await fetch(`${dev.url}${path}`, init);
  return { status: res.status, text: await res.text() };
}

const json = (body: string, type = "application/json"): RequestInit => ({ method: "POST", body, headers: { "content-type": type } });

test.each<{ name: string; path: string; init?: RequestInit; status: number }>([
  { name: "a public object path that does not decode", path: "/public/%E0%A4%A", status: 400 },
  { name: "a route parameter that does not decode", path: "/todos/%E0%A4%A", init: json("{}"), status: 400 },
  { name: "a body that is not JSON", path: "/todos/x", init: json("{bad"), status: 400 },
  { name: "a body over the 6 MB limit", path: "/todos/x", init: json(`"${"a".repeat(7 * 1024 * 1024)}"`), status: 413 },
  { name: "a multipart body without a boundary", path: "/todos/x", init: json("xx", "multipart/form-data"), status: 400 },
  {
    name: "a multipart body cut short",
    path: "/todos/x",
    init: json('--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nval', "multipart/form-data; boundary=b"),
    status: 400,
  },
  { name: "a key over 256 bytes (an 8 KB :id)", path: `/todos/${"a".repeat(8 * 1024)}`, init: json('{"name":"x"}'), status: 400 },
])("$name answers $status, with no stack trace", async ({ path, init, status }) => {
  const res = await send(path, init);
  expect(res.status).toBe(status);
  expect(res.text).not.toMatch(/\n\s+at |node_modules|\/work\/|URIError: /);
});
