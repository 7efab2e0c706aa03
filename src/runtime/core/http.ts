/**
 * The `http` interface: bring your own framework. `http.use(app)` mounts an
 * Express, Koa or Connect app (or any `(req, res)` listener) behind the
 * `api` registrations; `http.on(404, file)` serves a static file for
 * unmatched GETs (single-page apps); `http.static(root)` serves a folder.
 */
import { addRegistration, setMount, setNotFoundFile } from "./api/registry";
import type { HttpInterface, MountableApp } from "./types";

export const http: HttpInterface = {
  use(app: MountableApp): void {
    setMount(app);
  },
  on(status: 404, file: string): void {
    if (status !== 404) throw new TypeError(`http.on: only 404 can be handled, got ${String(status)}`);
    setNotFoundFile(file);
  },
  static(root: string): void {
    addRegistration({ kind: "static", dir: root, path: "/" });
  },
};
