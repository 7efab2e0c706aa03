/**
 * The pull-request comment rendered as GitHub renders it: CommonMark with
 * GFM tables and raw HTML (markdown-it), then read back as HTML (parse5).
 * Catches what a golden file cannot show: a table that falls apart into
 * text, a <details> block swallowed by the markdown around it, a ```diff
 * fence that never closes, a link that is not a link.
 */
import MarkdownIt from "markdown-it";
import { parseFragment } from "parse5";
import type { DefaultTreeAdapterMap } from "parse5";
import { renderMarkdown } from "../../src/diff";
import { CASES } from "./fixtures";
import { BASE_COMMIT, goldenReport, HEAD_COMMIT } from "./golden-report";

type Node = DefaultTreeAdapterMap["node"];
type Element = DefaultTreeAdapterMap["element"];

const md = new MarkdownIt({ html: true, linkify: false });

function isElement(n: Node): n is Element {
  return "tagName" in n;
}

function children(n: Node): Node[] {
  return "childNodes" in n ? n.childNodes : [];
}

function all(n: Node, tag: string): Element[] {
  const out: Element[] = [];
  const walk = (x: Node): void => {
    if (isElement(x) && x.tagName === tag) out.push(x);
    for (const c of children(x)) walk(c);
  };
  walk(n);
  return out;
}

function text(n: Node): string {
  if (n.nodeName === "#text" && "value" in n) return n.value;
  return children(n).map(text).join("");
}

function attr(e: Element, name: string): string | undefined {
  return e.attrs.find((a) => a.name === name)?.value;
}

function elementChildren(e: Node): Element[] {
  return children(e).filter(isElement);
}

function html(name: (typeof CASES)[number]): DefaultTreeAdapterMap["documentFragment"] {
  return parseFragment(md.render(renderMarkdown(goldenReport(name))));
}

describe.each(CASES)("%s rendered to HTML", (name) => {
  const doc = html(name);

  test("starts with the summary line, counts per class", () => {
    const first = elementChildren(doc)[0];
    expect(first.tagName).toBe("p");
    expect(text(first)).toMatch(/^iac diff: (no infrastructure changes|0 destructive|🛑 \d+ destructive)/);
    if (!/no infrastructure changes/.test(text(first))) expect(text(first)).toMatch(/destructive · .*permissions · .*safe/);
  });

  test("every <details> holds its <summary> first; Destructive, Permissions and new warnings open, the rest folded", () => {
    for (const d of all(doc, "details")) {
      const first = elementChildren(d)[0];
      expect(first?.tagName).toBe("summary");
      const title = text(first);
      const shouldOpen = /^(🛑 Destructive|🔐 Permissions|⚠️ \d+ new analysis warning)/.test(title);
      expect([title, attr(d, "open") !== undefined]).toEqual([title, shouldOpen]);
    }
  });

  test("no markdown is left over as text: tables, fences and HTML all parsed", () => {
    const body = text(doc);
    expect(body).not.toMatch(/\|\s*---/);
    expect(body).not.toMatch(/```/);
    expect(body).not.toMatch(/<\/?(details|summary|b)\b/);
    expect(body).not.toMatch(/\*\*/);
  });

  test("tables are whole: every row has the header's cells", () => {
    for (const t of all(doc, "table")) {
      const header = all(t, "th").map(text);
      expect(header.length === 5 || header.length === 6).toBe(true);
      for (const row of all(t, "tbody").flatMap((b) => all(b, "tr"))) expect(all(row, "td")).toHaveLength(header.length);
    }
  });

  test("diff blocks hold only diff lines", () => {
    for (const code of all(doc, "code").filter((c) => attr(c, "class") === "language-diff")) {
      for (const line of text(code).replace(/\n$/, "").split("\n")) expect(line).toMatch(/^[ +\-@]/);
    }
  });

  test("links go to the file and line at the side's commit", () => {
    for (const a of all(doc, "a")) {
      expect(attr(a, "href")).toMatch(new RegExp(`^https://github\\.com/acme/shop/blob/(${HEAD_COMMIT}|${BASE_COMMIT})/apps/todo/src/[\\w/.-]+#L\\d+$`));
      expect(text(a)).toMatch(/^src\/[\w/.-]+:\d+:\d+$/);
    }
  });

  test("ends with the hidden marker the workflow finds its comment by", () => {
    const comments = doc.childNodes.filter((n) => n.nodeName === "#comment");
    expect(comments.map((c) => ("data" in c ? c.data : ""))).toContain(" iac-diff ");
  });
});

test("each kind of detail reaches the HTML: an IAM table, a security-group table, a JSON diff, before → after, warnings", () => {
  const iam = all(html("collection-read"), "table")[0];
  expect(all(iam, "th").map(text)).toEqual(["", "Effect", "Action", "Resource", "Principal", "Condition"]);
  expect(all(iam, "td").map(text)).toEqual([
    "+",
    "Allow",
    "dynamodb:GetItem",
    "${Table.Arn}",
    "AWS:${FunctionHttpServiceRole}",
    '"ForAllValues:StringEquals": { "dynamodb:LeadingKeys": [ "note" ] }',
  ]);
  const sg = all(html("security-group"), "table")[0];
  expect(
    all(sg, "tr")
      .slice(1)
      .map((r) => all(r, "td").map(text).join(" ")),
  ).toEqual(["+ ${EdgeSecurityGroup.GroupId} In TCP 443 Everyone (IPv4)", "+ ${EdgeSecurityGroup.GroupId} Out Everything Everyone (IPv4)"]);
  const gsi = all(html("label-dropped"), "code")
    .filter((c) => attr(c, "class") === "language-diff")
    .map(text);
  expect(gsi[1]).toContain('-    "IndexName": "label2",');
  const timeout = html("timeout-warnings");
  expect(all(timeout, "li").map(text)).toContain("Timeout: 10 → 30");
  const warned = all(timeout, "details").find((d) => attr(d, "open") !== undefined);
  expect(text(warned ?? timeout)).toContain("IAC6102");
});
