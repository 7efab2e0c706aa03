import { defineConfig } from "astro/config";
import cloud from "@serverless/cloud/astro";

export default defineConfig({
  // The app's own settings, kept as they are.
  site: "https://example.com",
  integrations: [cloud()],
});
