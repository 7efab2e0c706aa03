/**
 * What iac knows about one web framework (one file per framework, listed in
 * registry.ts): how to recognise an app that uses it, how to build it, what
 * the build must leave, and where its server and its static files are.
 * Plain data and pure functions of the app folder; nothing here runs the
 * framework (build.ts does, src/local/dev runs its dev server, and
 * src/runtime/frameworks loads its server in the HTTP function).
 */
import type { Diagnostic } from "../graph";

/** A folder of files the CDN serves from the static bucket, under a URL prefix. */
export interface FrameworkAssetDir {
  /** The folder, relative to the app directory (POSIX). */
  dir: string;
  /** Where its files are served: `_next/static` for `.next/static`, `""` for the site root. */
  urlPrefix: string;
  /** Content-hashed file names: cached for a year, `immutable`. Else revalidated on every use. */
  immutable: boolean;
  /** Paths inside `dir` (globs, as `Source.asset`'s `exclude`) left to another asset folder: SvelteKit's `build/client` without its `_app/immutable`. */
  exclude?: readonly string[];
}

/** The output of a framework build that synth deploys. */
export interface FrameworkOutput {
  /** The registry's name (`nextjs`). */
  name: string;
  /** The server folder (self-contained: its traced node_modules inside), relative to the app directory; shipped beside the HTTP function only. */
  serverDir: string;
  /** The server's entry inside `serverDir`, as the runtime loads it (`IAC_FRAMEWORK_ENTRY`). */
  serverEntry: string;
  /** Folders of static files behind the CDN. */
  assets: FrameworkAssetDir[];
}

export interface Framework {
  /** The registry's name: `nextjs`, `astro`, `sveltekit`, `remix`. */
  name: string;
  /** How people write it. */
  title: string;
  /** The dependency that says an app uses it. */
  packageName: string;
  /** Served on Lambda and in `iac dev` (false: recognised, the API built, IAC7503 warns that the pages are not served). */
  served: boolean;
  /** The build when the app has no `cloud:build` script: a command of the framework's package (`next build`). */
  buildCommand: readonly string[];
  /** The dev server when the app has no `cloud:dev` script, on the given port. */
  devCommand(port: number): readonly string[];
  /** After a build: what to deploy, or a located error saying what is missing. */
  output(appDir: string, packageJsonFile: string): FrameworkOutput | Diagnostic;
  /** Folders of the framework's pages and server code (relative to the app), read for SDK imports the analysis does not see (IAC7506). */
  pageDirs: readonly string[];
  /** The app's config files that import iac's wrapper (`next.config.js`...), checked for an import that cannot resolve (IAC7505). */
  configFiles: readonly string[];
  /**
   * Whether the app opted in to being served (Next.js: its config imports
   * `withCloud`). An app that did not is built as before: its `cloud:build`
   * script runs (a static export into static/ keeps working), nothing of the
   * framework is served by the function.
   */
  optedIn(appDir: string): boolean;
  /** The wrapper's subpath of the SDK package: `@serverless/cloud/<wrapper>`, `iac/<wrapper>`. */
  wrapper?: string;
  /** Packages the served build needs beside the framework (adapter-node, @astrojs/node), checked before the build (IAC7507). */
  requires?: readonly string[];
  /** Files and folders whose content decides the build's output (the build cache's key), relative to the app; node_modules and the output are never in it. */
  outputDirs: readonly string[];
}
