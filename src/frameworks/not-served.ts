/**
 * Frameworks iac recognises but does not serve (Remix on its classic
 * compiler): an app that uses one builds its SDK part (api routes,
 * schedules, listeners) as any app, and IAC7503 warns, at package.json,
 * that its pages are not deployed. Each becomes a file like nextjs.ts when it is
 * served.
 */
import * as fs from "fs";
import * as path from "path";
import { FRAMEWORK_CODES } from "./codes";
import type { Framework } from "./types";

function notServed(name: string, title: string, packageName: string, build: string[], dev: (port: number) => string[]): Framework {
  return {
    name,
    title,
    packageName,
    served: false,
    buildCommand: build,
    devCommand: dev,
    outputDirs: [],
    pageDirs: [],
    configFiles: [],
    optedIn: () => true,
    output: (_appDir, packageJsonFile) => ({
      code: FRAMEWORK_CODES.notServedYet,
      severity: "warning",
      message: `${title} pages are not served by iac: this build deploys the app's SDK routes, schedules and listeners only`,
      location: { file: packageJsonFile, line: 1, column: 1 },
      hint: "docs/frameworks.md lists what is supported: Next.js, SvelteKit, Astro, and Remix with its Vite plugin.",
    }),
  };
}

/** Remix on its classic compiler (`remix build`, no vite.config): served only through Remix's Vite plugin (remix.ts). */
export const remixClassic: Framework = {
  ...notServed("remix-classic", "Remix (classic compiler)", "@remix-run/node", ["remix", "build"], (port) => ["remix", "dev", "--port", String(port)]),
  optedIn: (appDir) => !["vite.config.js", "vite.config.mjs", "vite.config.ts", "vite.config.mts"].some((f) => fs.existsSync(path.join(appDir, f))),
};
