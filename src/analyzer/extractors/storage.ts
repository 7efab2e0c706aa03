/**
 * `storage.*` operations with the path prefixes they touch, and
 * `storage.on("write:glob" | "remove:glob" | "*", handler)` listeners.
 *
 * Codes: IAC4001 storage.on event not static or invalid, IAC4002 no
 * handler, IAC4003 timeout not static, IAC4004 timeout above the limit.
 */
import ts = require("typescript");
import { type SourceLocation, type StorageListenerResource, type StorageOperation, type StorageResource, TIMEOUTS, type UsageScope } from "../../graph";
import { type ExtractContext, type Extractor, splitHandlerArgs, type UsageDraft } from "../context";
import { staticString, stringShape } from "../values";
import { readTimeout } from "../options";
import { ANALYZER_CODES } from "../codes";

const { isCallExpression } = ts;

const OPERATIONS: Record<string, StorageOperation> = {
  write: "write",
  read: "read",
  readBuffer: "read",
  exists: "exists",
  stat: "stat",
  list: "list",
  remove: "remove",
  copy: "copy",
  move: "move",
  getDownloadUrl: "getDownloadUrl",
  getUploadUrl: "getUploadUrl",
};

/** Operations that create objects: they decide whether anything lands under `public/`. */
const WRITES: ReadonlySet<StorageOperation> = new Set(["write", "copy", "move", "getUploadUrl"]);

/** The known leading part of a path argument, without a leading `/`; undefined when nothing is known. */
function prefixOf(expr: ts.Expression | undefined, ctx: ExtractContext): string | undefined {
  if (!expr) return undefined;
  const shape = stringShape(expr, ctx.resolver);
  if (!shape) return undefined;
  const p = shape.prefix.replace(/^\/+/, "");
  return shape.complete || p.length > 0 ? p : undefined;
}

export function createStorageExtractor(): Extractor {
  const listeners: StorageListenerResource[] = [];
  let location: SourceLocation | undefined;
  let isPublic = false;

  return {
    area: "storage",
    isRegistration: (method) => method === "on",
    use(site, ctx) {
      if (site.kind !== "call" || !isCallExpression(site.node)) return [];
      const operation = OPERATIONS[site.path[1]];
      if (!operation) return [];
      const call = site.node;
      location ??= ctx.location(call);
      // copy/move(from, toDir): both ends are touched.
      const paths = operation === "copy" || operation === "move" ? [call.arguments[0], call.arguments[1]] : [call.arguments[0]];
      const prefixes = paths.map((p) => prefixOf(p, ctx));
      const scope: UsageScope = {};
      if (prefixes.every((p): p is string => p !== undefined)) scope.prefixes = [...new Set(prefixes)].sort();
      if (WRITES.has(operation)) {
        const written = operation === "copy" || operation === "move" ? [prefixes[1]] : prefixes;
        if (written.some((p) => p === undefined || p.startsWith("public/") || "public/".startsWith(p))) isPublic = true;
      }
      const draft: UsageDraft = { resource: "storage", operation, scope };
      return [draft];
    },
    escape(site, ctx) {
      location ??= ctx.location(site.node);
      // Unknown writes may land under public/.
      isPublic = true;
      const operations = [...new Set(Object.values(OPERATIONS))];
      return {
        usages: operations.map((operation) => ({ resource: "storage", operation, scope: {} })),
        inferred:
          "the bucket, with public/ served, and every storage operation on any path for every function (storage.on listeners registered through it are not found)",
      };
    },
    register(_site, call, ctx) {
      const [specArg, ...rest] = call.arguments;
      const spec = specArg ? staticString(specArg, ctx.resolver) : undefined;
      if (spec === undefined) {
        return void ctx.report(ANALYZER_CODES.storageEventInvalid, "error", specArg ?? call, "the storage.on event is not a static string", {
          hint: 'write it as a literal, e.g. "write:uploads/*"',
        });
      }
      const colon = spec.indexOf(":");
      const event = colon < 0 ? spec : spec.slice(0, colon);
      const globText = colon < 0 ? "" : spec.slice(colon + 1).replace(/^\/+/, "");
      const events: ("write" | "remove")[] = event === "*" ? ["remove", "write"] : event === "write" || event === "remove" ? [event] : [];
      if (events.length === 0) {
        return void ctx.report(ANALYZER_CODES.storageEventInvalid, "error", specArg, `"${event}" is not a storage event: use write, remove or *`, {
          hint: `e.g. "write:${globText || "uploads/*"}"`,
        });
      }
      const { options, handlers } = splitHandlerArgs(rest, ctx.resolver);
      if (handlers.length === 0) return void ctx.report(ANALYZER_CODES.storageListenerWithoutHandler, "error", call, "storage.on has no handler");
      const timeoutMs = readTimeout(
        options,
        TIMEOUTS["storage-listener"].maxMs,
        "storage listener",
        { notStatic: ANALYZER_CODES.storageListenerTimeoutNotStatic, tooLong: ANALYZER_CODES.storageListenerTimeoutTooLong },
        ctx,
      );
      const glob = globText === "" || globText === "*" ? "**" : globText;
      if (glob.startsWith("public/")) isPublic = true;
      const id = ctx.uniqueId(`storage-listener:${spec}`);
      const loc = ctx.location(call);
      location ??= loc;
      listeners.push({ kind: "storage-listener", id, events, glob, handler: id, ...(timeoutMs !== undefined ? { timeoutMs } : {}), location: loc });
      ctx.addHandler({ id, kind: "storage-listener", title: `on storage ${spec}`, location: loc, roots: handlers });
    },
    resources() {
      if (!location) return [];
      const storage: StorageResource = { kind: "storage", id: "storage", location, public: isPublic };
      return [storage, ...listeners];
    },
  };
}
