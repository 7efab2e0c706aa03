/**
 * What the `iac dev` tests of framework apps share: the dev host on a
 * framework app (its output kept, to show when a page fails), and a
 * WebSocket upgrade as a hot-reload client makes it.
 */
import * as http from "http";
import { startDevServer, type DevServer } from "../../src/local/dev/server";
import { frameworkApp } from "../support/frameworks";

/** Starts `iac dev` on the app before the file's tests and stops it after; `dev()` is the running server. */
export function useFrameworkDev(app: string): { dev: () => DevServer; lines: string[] } {
  let dev: DevServer | undefined;
  const lines: string[] = [];
  beforeAll(async () => {
    dev = await startDevServer({
      dir: frameworkApp(app, "dev"),
      port: 0,
      stage: "devtest",
      watch: false,
      write: (line) => lines.push(line),
      onDiagnostics: () => undefined,
    });
  }, 60_000);
  afterAll(async () => {
    await dev?.close();
  });
  return {
    dev: () => {
      if (!dev) throw new Error(`iac dev of ${app} did not start`);
      return dev;
    },
    lines,
  };
}

/** A WebSocket upgrade of `path` (with Vite's `vite-hmr` protocol when given): the status it answers. */
export function upgrade(url: string, path: string, protocol?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}${path}`, {
      headers: {
        connection: "Upgrade",
        upgrade: "websocket",
        "sec-websocket-version": "13",
        "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==",
        ...(protocol ? { "sec-websocket-protocol": protocol } : {}),
      },
    });
    req.on("upgrade", (res, socket) => {
      socket.destroy();
      resolve(res.statusCode ?? 0);
    });
    req.on("response", (res) => resolve(res.statusCode ?? 0));
    req.on("error", reject);
    req.end();
  });
}
