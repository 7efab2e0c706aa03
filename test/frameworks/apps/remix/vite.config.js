import { vitePlugin as remix } from "@remix-run/dev";
import cloud from "@serverless/cloud/remix";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [remix(), cloud()],
});
