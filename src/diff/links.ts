/**
 * Links from the report's source locations to the files they name, at the
 * commit each side was built from: `<link base>/<app folder in the
 * repository>/<file>#L<line>`. The link base is the repository's files at
 * the head commit (`--link-base`, else the CI's environment); without one,
 * locations stay plain text.
 *
 * The base side is linked only when it is a git ref and the link base ends
 * with the head's commit id (GitHub's `…/blob/<sha>` and GitLab's
 * `…/-/blob/<sha>` do): the base's links then name the base's commit.
 */
import type { SourceLocation } from "../graph";
import type { DiffLinks, DiffSideInfo } from "./types";

/** A trailing commit id: abbreviated (7) to SHA-256 (64) hex digits. */
const COMMIT_SEGMENT = /\/[0-9a-f]{7,64}$/i;

/**
 * The link base CI gives: GitHub Actions (`GITHUB_SERVER_URL`,
 * `GITHUB_REPOSITORY`, `GITHUB_SHA`: the commit the job checked out, which
 * is what both builds read) or GitLab CI (`CI_PROJECT_URL`, `CI_COMMIT_SHA`).
 */
export function linkBaseFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_SHA: sha } = env;
  if (server && repo && sha) return `${server.replace(/\/+$/, "")}/${repo}/blob/${sha}`;
  if (env.CI_PROJECT_URL && env.CI_COMMIT_SHA) return `${env.CI_PROJECT_URL.replace(/\/+$/, "")}/-/blob/${env.CI_COMMIT_SHA}`;
  return undefined;
}

/**
 * Link prefixes for both sides. `appPath` is the app folder's path in the
 * repository (POSIX, empty at the root).
 */
export function linksFor(linkBase: string, appPath: string, base: DiffSideInfo): DiffLinks {
  const root = linkBase.replace(/\/+$/, "");
  const folder = appPath
    .split("/")
    .filter((s) => s !== "")
    .map(encodeURIComponent)
    .join("/");
  const prefix = (tree: string): string => `${tree}/${folder ? `${folder}/` : ""}`;
  const baseTree = base.kind === "git-ref" && base.commit && COMMIT_SEGMENT.test(root) ? root.replace(COMMIT_SEGMENT, `/${base.commit}`) : undefined;
  return { head: prefix(root), ...(baseTree ? { base: prefix(baseTree) } : {}) };
}

/** The URL of a location on one side, when that side has links. */
export function linkTo(links: DiffLinks | undefined, side: "base" | "head", location: SourceLocation): string | undefined {
  const prefix = side === "head" ? links?.head : links?.base;
  if (prefix === undefined) return undefined;
  return `${prefix}${location.file.split("/").map(encodeURIComponent).join("/")}#L${location.line}`;
}
