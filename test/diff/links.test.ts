// Where a source location in the report links to: the CI's environment or
// --link-base, the app's folder in the repository, each side's commit.
import { linkBaseFromEnv, linksFor, linkTo } from "../../src/diff";
import type { DiffSideInfo } from "../../src/diff";

const SHA = "89abcdef0123456789abcdef0123456789abcdef";
const BASE = "0123456789abcdef0123456789abcdef01234567";
const gitBase: DiffSideInfo = { spec: "origin/main", kind: "git-ref", commit: BASE };
const at = { file: "src/lib/todos.ts", line: 12, column: 3 };

test.each([
  ["GitHub Actions", { GITHUB_SERVER_URL: "https://github.com", GITHUB_REPOSITORY: "acme/shop", GITHUB_SHA: SHA }, `https://github.com/acme/shop/blob/${SHA}`],
  [
    "GitHub Enterprise (trailing slash)",
    { GITHUB_SERVER_URL: "https://git.acme.test/", GITHUB_REPOSITORY: "acme/shop", GITHUB_SHA: SHA },
    `https://git.acme.test/acme/shop/blob/${SHA}`,
  ],
  ["GitLab CI", { CI_PROJECT_URL: "https://gitlab.com/acme/shop", CI_COMMIT_SHA: SHA }, `https://gitlab.com/acme/shop/-/blob/${SHA}`],
  ["no CI", { CI: "true" }, undefined],
  ["GitHub without the commit", { GITHUB_SERVER_URL: "https://github.com", GITHUB_REPOSITORY: "acme/shop" }, undefined],
] as const)("linkBaseFromEnv: %s", (_name, env, expected) => {
  expect(linkBaseFromEnv(env)).toBe(expected);
});

test("a head location links to the file and line under the app's folder at the head commit; a base location at the base commit", () => {
  const links = linksFor(`https://github.com/acme/shop/blob/${SHA}/`, "apps/todo", gitBase);
  expect(linkTo(links, "head", at)).toBe(`https://github.com/acme/shop/blob/${SHA}/apps/todo/src/lib/todos.ts#L12`);
  expect(linkTo(links, "base", at)).toBe(`https://github.com/acme/shop/blob/${BASE}/apps/todo/src/lib/todos.ts#L12`);
});

test("an app at the repository root; a path with a space is encoded", () => {
  const links = linksFor(`https://github.com/acme/shop/blob/${SHA}`, "", gitBase);
  expect(linkTo(links, "head", { file: "my src/a b.ts", line: 1, column: 1 })).toBe(`https://github.com/acme/shop/blob/${SHA}/my%20src/a%20b.ts#L1`);
});

test("the base is not linked when it is no git ref, or when the link base does not end with a commit", () => {
  expect(linksFor(`https://github.com/acme/shop/blob/${SHA}`, "", { spec: "cdk.out", kind: "assembly" }).base).toBeUndefined();
  const byBranch = linksFor("https://github.com/acme/shop/blob/feature-x", "", gitBase);
  expect(linkTo(byBranch, "head", at)).toBe("https://github.com/acme/shop/blob/feature-x/src/lib/todos.ts#L12");
  expect(linkTo(byBranch, "base", at)).toBeUndefined();
  expect(linkTo(undefined, "head", at)).toBeUndefined();
});
