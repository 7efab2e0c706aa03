/**
 * Frameworks iac recognises but does not serve yet (Remix): an app that
 * uses one builds its SDK part (api routes, schedules, listeners) as any
 * app, and IAC7503 warns, at package.json, that its pages are not
 * deployed. Each becomes a file like nextjs.ts when it is
 * served.
 */
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
      message: `${title} pages are not served by iac yet: this build deploys the app's SDK routes, schedules and listeners only`,
      location: { file: packageJsonFile, line: 1, column: 1 },
      hint: "docs/frameworks.md lists what is supported; Next.js is served today.",
    }),
  };
}

export const remix = notServed("remix", "Remix", "@remix-run/node", ["remix", "build"], (port) => ["remix", "dev", "--port", String(port)]);
