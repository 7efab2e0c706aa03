/**
 * The GitHub Actions workflow iac ships (templates/github-actions/iac-diff.yml):
 * valid YAML, the very file docs/ci.md shows, and its steps doing what the
 * docs say when run here: the diff step's script, under bash in a git
 * repository with a pull request's base branch, writes the comment with
 * links to the checked-out commit; the comment step, against a stand-in for
 * GitHub's API, creates the comment once and then updates that same comment
 * on every push.
 */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseDocument } from "yaml";
import { SHOP_SOURCE, SHOP_WITH_PHOTOS_SOURCE } from "./fixtures";

const ROOT = path.join(__dirname, "..", "..");
const WORKFLOW = path.join(ROOT, "templates", "github-actions", "iac-diff.yml");
const source = fs.readFileSync(WORKFLOW, "utf8");

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
  "continue-on-error"?: boolean;
}

interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, { env: Record<string, string>; steps: Step[] }>;
}

function isWorkflow(v: unknown): v is Workflow {
  return typeof v === "object" && v !== null && "on" in v && "permissions" in v && "jobs" in v;
}

const doc = parseDocument(source, { prettyErrors: true });
const parsed: unknown = doc.toJS();
if (!isWorkflow(parsed)) throw new Error("not a workflow");
const workflow = parsed;
const job = workflow.jobs.diff;
const step = (name: string): Step => {
  const s = job.steps.find((x) => x.name === name);
  if (!s) throw new Error(`no step ${name}`);
  return s;
};

/** `${{ github.x }}` as GitHub would fill it in for a pull request into main. */
function expand(value: string, github: Record<string, string>): string {
  return value.replace(/\$\{\{\s*([\w.]+)\s*\}\}/g, (_, expr: string) => {
    const v = github[expr];
    if (v === undefined) throw new Error(`the test does not know ${expr}`);
    return v;
  });
}

test("is valid YAML for a pull-request workflow that may write comments", () => {
  expect(doc.errors).toEqual([]);
  expect(doc.warnings).toEqual([]);
  expect(Object.keys(workflow.on)).toEqual(["pull_request"]);
  expect(workflow.permissions).toEqual({ contents: "read", "pull-requests": "write" });
  expect(job.steps.find((s) => s.uses?.startsWith("actions/checkout@"))?.with).toEqual({ "fetch-depth": 0 });
  expect(job.steps.map((s) => s.name ?? s.uses ?? s.run)).toEqual([
    "actions/checkout@v4",
    "actions/setup-node@v4",
    "npm ci",
    "Diff the infrastructure against the base branch",
    "Job summary",
    "Post or update the pull-request comment",
    "Fail on destructive changes",
  ]);
  expect(step("Fail on destructive changes").if).toBe(`steps.${step("Diff the infrastructure against the base branch").id}.outcome == 'failure'`);
});

test("docs/ci.md shows this very file", () => {
  const docs = fs.readFileSync(path.join(ROOT, "docs", "ci.md"), "utf8");
  const blocks = [...docs.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);
  expect(blocks).toContain(source);
});

describe("run here", () => {
  let repo: string;
  let bin: string;
  const git = (...args: string[]): string =>
    execFileSync("git", ["-c", "user.email=test@example.com", "-c", "user.name=test", ...args], { cwd: repo, encoding: "utf8" }).trim();
  const write = (file: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
    fs.writeFileSync(path.join(repo, file), text);
  };

  beforeAll(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), "iac-workflow-"));
    // `npx iac` as an app that installed iac runs it: this checkout's bin/iac.js.
    bin = fs.mkdtempSync(path.join(os.tmpdir(), "iac-workflow-bin-"));
    fs.writeFileSync(
      path.join(bin, "npx"),
      `#!/usr/bin/env bash\n[ "$1" = iac ] || exit 127\nshift\nexec "${process.execPath}" "${path.join(ROOT, "bin", "iac.js")}" "$@"\n`,
      { mode: 0o755 },
    );
    git("init", "-q", "-b", "main");
    write(".gitignore", ".iac/\ncdk.out/\niac-diff.md\n");
    write("package.json", JSON.stringify({ name: "shop", version: "1.0.0", private: true, main: "index.ts" }));
    write("index.ts", SHOP_SOURCE);
    git("add", "-A");
    git("commit", "-q", "-m", "items");
    // As actions/checkout leaves it: the base branch fetched as origin/<base>.
    git("update-ref", "refs/remotes/origin/main", "HEAD");
    git("checkout", "-q", "-b", "photos");
    write("index.ts", SHOP_WITH_PHOTOS_SOURCE);
    git("commit", "-q", "-am", "photos");
  });
  afterAll(() => {
    fs.rmSync(repo, { recursive: true, force: true });
    fs.rmSync(bin, { recursive: true, force: true });
  });

  test("the diff step writes the comment: counts, the widened permission linked to the checked-out commit, the marker", () => {
    const sha = git("rev-parse", "HEAD");
    const github = { "github.base_ref": "main" };
    const diffStep = step("Diff the infrastructure against the base branch");
    const env = {
      ...process.env,
      NO_COLOR: "1",
      PATH: `${bin}${path.delimiter}${process.env.PATH ?? ""}`,
      ...job.env,
      ...Object.fromEntries(Object.entries(diffStep.env ?? {}).map(([k, v]) => [k, expand(v, github)])),
      GITHUB_SERVER_URL: "https://github.com",
      GITHUB_REPOSITORY: "acme/shop",
      GITHUB_SHA: sha,
    };
    // GitHub runs `run:` with `bash -e {0}`.
    const r = spawnSync("bash", ["-e", "-c", diffStep.run ?? "exit 3"], { cwd: repo, env, encoding: "utf8" });
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.status).toBe(0);
    const md = fs.readFileSync(path.join(repo, "iac-diff.md"), "utf8");
    expect(md.split("\n")[0]).toMatch(
      /^\*\*iac diff\*\*: 0 destructive · 🔐 \d+ permissions · ✅ \d+ safe \(`origin\/main` \(`[0-9a-f]{7}`\) → `\.`, stage `prod`\)$/,
    );
    expect(md).toContain(`at [\`index.ts:8:9\`](https://github.com/acme/shop/blob/${sha}/index.ts#L8) \`storage.write\`, reached from POST /items/:id/photo`);
    expect(md).toContain("| + | `Allow` | `s3:PutObject` | `${Bucket.Arn}/photos/*`");
    expect(md.trimEnd().endsWith("<!-- iac-diff -->")).toBe(true);
    expect(git("worktree", "list").split("\n")).toHaveLength(1);
  });

  test("the comment step creates one comment, then updates that same comment on every push", async () => {
    const script = step("Post or update the pull-request comment").with?.script;
    if (typeof script !== "string") throw new Error("no script");
    interface Comment {
      id: number;
      user: { type: string };
      body: string;
    }
    const comments: Comment[] = [{ id: 1, user: { type: "User" }, body: "a reviewer quoting <!-- iac-diff -->" }];
    const calls: string[] = [];
    const github = {
      paginate: async (list: () => Promise<Comment[]>) => list(),
      rest: {
        issues: {
          listComments: async () => comments.map((c) => ({ ...c })),
          createComment: async (a: { issue_number: number; body: string }) => {
            calls.push(`create #${a.issue_number}`);
            comments.push({ id: comments.length + 1, user: { type: "Bot" }, body: a.body });
          },
          updateComment: async (a: { comment_id: number; body: string }) => {
            calls.push(`update ${a.comment_id}`);
            const c = comments.find((x) => x.id === a.comment_id);
            if (c) c.body = a.body;
          },
        },
      },
    };
    const context = { repo: { owner: "acme", repo: "shop" }, issue: { number: 7 } };
    // actions/github-script runs the script as the body of an async function with these in scope.
    const run = new Function("require", "github", "context", `return (async () => {\n${script}\n})();`);
    const cwd = process.cwd();
    try {
      process.chdir(repo);
      await run(require, github, context);
      fs.writeFileSync(path.join(repo, "iac-diff.md"), "**iac diff**: no infrastructure changes\n\n<!-- iac-diff -->\n");
      await run(require, github, context);
      // A run whose diff printed nothing still leaves a comment the next run finds.
      fs.writeFileSync(path.join(repo, "iac-diff.md"), "");
      await run(require, github, context);
    } finally {
      process.chdir(cwd);
    }
    expect(calls).toEqual(["create #7", "update 2", "update 2"]);
    expect(comments.map((c) => c.id)).toEqual([1, 2]);
    expect(comments[1].body).toBe("**iac diff** failed: see the job log.\n\n<!-- iac-diff -->\n");
  });
});
