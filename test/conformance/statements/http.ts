/** docs/sdk.md, "http": bringing an app of another framework, and the single-page fallback. */
import type { IncomingMessage, ServerResponse } from "http";
import express from "express";
import { api, http, type Request, type Response } from "iac";
import type { Area } from "./types";
import { request, unique } from "./util";

// Koa ships no types (no @types/koa): the part used here.
interface KoaApp {
  use(middleware: (ctx: { body: unknown; originalUrl: string }) => void): void;
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
}
const Koa = require("koa") as new () => KoaApp;

export const httpArea: Area = {
  name: "http",
  statements: [
    {
      id: "http.use",
      title: "http.use(app) mounts an Express, Koa or Connect app or a (req, res) listener, for what the api routes leave; one app only",
      async run() {
        const p = `/c/${unique("mount")}`;
        const koa = new Koa();
        koa.use((ctx) => {
          ctx.body = { from: "koa", url: ctx.originalUrl };
        });
        const koaListener = koa.callback();
        const app = express();
        app.get(`${p}/express/:id`, (req, res) => void res.json({ from: "express", id: req.params.id }));
        app.get(`${p}/both`, (_req, res) => void res.send("mounted app"));
        app.use(`${p}/koa`, (req, res) => void koaListener(req, res));
        app.use(`${p}/listener`, (_req, res) => {
          res.writeHead(200, { "content-type": "text/plain" });
          res.end("plain listener");
        });
        http.use(app);
        api.get(`${p}/both`, (_req: Request, res: Response) => res.send("api route"));
        expect((await request(`${p}/express/9`)).json()).toEqual({ from: "express", id: "9" });
        // Express hands a mounted app the URL below its mount path.
        expect((await request(`${p}/koa/x?y=1`)).json()).toEqual({ from: "koa", url: "/x?y=1" });
        expect((await request(`${p}/listener`)).text).toBe("plain listener");
        expect((await request(`${p}/both`)).text).toBe("api route");
        expect(() => http.use(express())).toThrow(/already mounted/);
      },
    },
    {
      id: "http.on-404",
      title: "http.on(404, file) answers unmatched GETs with that static file (single-page apps); routes still answer",
      async run() {
        const p = `/c/${unique("spa")}`;
        api.get(`${p}/api`, (_req: Request, res: Response) => res.json({ api: true }));
        http.on(404, "index.html");
        const page = await request(`${p}/client/side/route`, { headers: { accept: "text/html" } });
        expect(page.status).toBe(200);
        expect(page.text).toContain("conformance index page");
        expect((await request(`${p}/api`)).json()).toEqual({ api: true });
        expect((await request(`${p}/client`, { method: "POST" })).status).toBe(404);
      },
    },
  ],
};
