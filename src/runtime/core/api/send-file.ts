/**
 * `res.sendFile(path)` as the contract means it: a file on local disk is
 * sent by Express (relative paths resolve against the app's root, where
 * Express alone would demand an absolute path); anything else is taken as a
 * storage path and answered with a redirect to a signed download URL, since
 * a Lambda function's disk holds only its bundle.
 */
import type { Errback, RequestHandler, Response } from "express";
import { stat } from "fs";
import { isAbsolute, resolve } from "path";
import { storage } from "../../storage";
import { runtimeConfig } from "../config";

type Callback = Errback;
type SendFileOptions = Parameters<Response["sendFile"]>[1];

export const installSendFile: RequestHandler = (_req, res, next) => {
  // Express's own, looked up when called: reading it now would load Express on the lean path (lean.ts).
  const original = (...args: Parameters<Response["sendFile"]>): void =>
    Reflect.apply(Reflect.get(Object.getPrototypeOf(res) as object, "sendFile", res) as Response["sendFile"], res, args);
  res.sendFile = (path: string, optionsOrCallback?: SendFileOptions | Callback, maybeCallback?: Callback): void => {
    const callback = typeof optionsOrCallback === "function" ? optionsOrCallback : maybeCallback;
    const options = typeof optionsOrCallback === "object" && optionsOrCallback !== null ? optionsOrCallback : {};
    // Express calls the callback with no error on success, whatever its type says.
    const done: Callback = callback ?? ((err?: Error) => (err ? next(err) : undefined));
    // An explicit root is Express's own contract: leave it alone.
    if (typeof options.root === "string") return original(path, options, done);
    const absolute = isAbsolute(path) ? path : resolve(runtimeConfig().appRoot ?? process.cwd(), path);
    stat(absolute, (err, stats) => {
      if (!err && stats.isFile()) original(absolute, options, done);
      else redirectToStorage(res, path, done);
    });
  };
  next();
};

function redirectToStorage(res: Response, path: string, done: Callback): void {
  const key = path.replace(/^\/+/, "");
  Promise.resolve()
    .then(() => storage.getDownloadUrl(key))
    .then(
      (url) => {
        if (typeof url === "string" && url !== "") res.redirect(302, url);
        else done(notFound(path));
      },
      () => done(notFound(path)),
    );
}

function notFound(path: string): Error {
  return Object.assign(new Error(`file not found: ${path}`), { status: 404, expose: true });
}
