import { storage, data } from "@serverless/cloud";
import { nameFromPath } from "./paths.js";

storage.on("write:photos/*", async ({ path }) => {
  const info = await storage.stat(path);
  await data.set(`photo:${nameFromPath(path)}`, {
    path,
    size: info?.size ?? 0,
    type: info?.type ?? "application/octet-stream",
    indexedAt: new Date().toISOString(),
  });
});

storage.on("remove:photos/*", async ({ path }) => {
  await data.remove(`photo:${nameFromPath(path)}`);
});
