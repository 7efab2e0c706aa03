#!/usr/bin/env node
// Writes docs/diagnostics.md from the diagnostic-code catalogues in src/:
// every `export const <AREA>_CODES = { name: "IACnnnn", ... }` object, each
// entry's doc comment its description. `node scripts/diagnostics-doc.js`
// rewrites the page; test/repo/diagnostics.test.ts fails when it is stale,
// when a code is declared twice, or when src/ raises a code no catalogue
// declares.
"use strict";
const fs = require("fs");
const path = require("path");
const ts = require("typescript");

const ROOT = path.resolve(__dirname, "..");
const DOC = path.join(ROOT, "docs", "diagnostics.md");

function sourceFiles(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) sourceFiles(full, out);
    else if (e.name.endsWith(".ts") && !e.name.endsWith(".d.ts")) out.push(full);
  }
  return out;
}

/** Every catalogue: { name, file, intro, entries: [{ key, code, description }] }. */
function catalogues(root = ROOT) {
  const found = [];
  for (const file of sourceFiles(path.join(root, "src"))) {
    const text = fs.readFileSync(file, "utf8");
    if (!/_CODES\s*=/.test(text)) continue;
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    for (const st of sf.statements) {
      if (!ts.isVariableStatement(st)) continue;
      for (const decl of st.declarationList.declarations) {
        if (!ts.isIdentifier(decl.name) || !/^[A-Z]+_CODES$/.test(decl.name.text) || !decl.initializer) continue;
        let init = decl.initializer;
        while (ts.isAsExpression(init) || ts.isSatisfiesExpression(init) || ts.isParenthesizedExpression(init)) init = init.expression;
        if (!ts.isObjectLiteralExpression(init)) continue;
        const entries = [];
        for (const p of init.properties) {
          if (!ts.isPropertyAssignment(p) || !ts.isStringLiteral(p.initializer) || !/^IAC\d{4}$/.test(p.initializer.text)) continue;
          entries.push({ key: p.name.getText(sf), code: p.initializer.text, description: docOf(p, sf) });
        }
        found.push({ name: decl.name.text, file: path.relative(root, file).split(path.sep).join("/"), intro: docOf(st, sf), entries });
      }
    }
  }
  return found.sort((a, b) => (a.entries[0]?.code ?? "").localeCompare(b.entries[0]?.code ?? ""));
}

/** The node's leading doc comment as one line of text. */
function docOf(node, sf) {
  const ranges = ts.getLeadingCommentRanges(sf.text, node.getFullStart()) ?? [];
  const doc = ranges
    .map((r) => sf.text.slice(r.pos, r.end))
    .filter((c) => c.startsWith("/**"))
    .pop();
  if (!doc) return "";
  return doc
    .replace(/^\/\*\*|\*\/$/g, "")
    .split("\n")
    .map((l) => l.replace(/^\s*\* ?/, "").trim())
    .filter(Boolean)
    .join(" ");
}

/** The fixes `iac fix` knows (src/fix/kinds.ts `FIXES`): [{ code, name, description }]. */
function fixes(root = ROOT) {
  const file = path.join(root, "src", "fix", "kinds.ts");
  if (!fs.existsSync(file)) return [];
  const sf = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const out = [];
  for (const st of sf.statements) {
    if (!ts.isVariableStatement(st)) continue;
    for (const decl of st.declarationList.declarations) {
      if (!ts.isIdentifier(decl.name) || decl.name.text !== "FIXES" || !decl.initializer) continue;
      let init = decl.initializer;
      while (ts.isAsExpression(init) || ts.isSatisfiesExpression(init) || ts.isParenthesizedExpression(init)) init = init.expression;
      if (!ts.isObjectLiteralExpression(init)) continue;
      for (const p of init.properties) {
        if (ts.isPropertyAssignment(p) && ts.isStringLiteral(p.initializer))
          out.push({ code: p.name.getText(sf), name: p.initializer.text, description: docOf(p, sf) });
      }
    }
  }
  return out.sort((a, b) => a.code.localeCompare(b.code));
}

function render(list, fixList = fixes()) {
  const lines = [
    "# Diagnostic codes",
    "",
    "Every diagnostic iac reports has a code, a severity and, where it is about",
    "the app's source, a location (`file:line:column`). Errors stop `iac build`,",
    "`iac deploy`, `iac graph` and `iac test` with exit 1; warnings and infos",
    "say what was assumed. This page is generated from the catalogues in the",
    "source (`node scripts/diagnostics-doc.js`); what the analyzer follows and",
    "when it reports is explained in [analysis.md](analysis.md).",
    "",
  ];
  for (const cat of list) {
    const area = cat.name.replace(/_CODES$/, "").toLowerCase();
    lines.push(`## ${area[0].toUpperCase()}${area.slice(1)} (\`${cat.name}\`, ${cat.file})`, "");
    if (cat.intro) lines.push(cat.intro, "");
    lines.push("| code | name | meaning |", "|---|---|---|");
    for (const e of [...cat.entries].sort((a, b) => a.code.localeCompare(b.code)))
      lines.push(`| ${e.code} | ${e.key} | ${e.description.replace(/\|/g, "\\|")} |`);
    lines.push("");
  }
  if (fixList.length > 0) {
    lines.push(
      "## Fixes (`iac fix`, src/fix/kinds.ts)",
      "",
      "The diagnostics that know the one right change. `iac fix` applies it to the source (only the text the diagnostic",
      "points at changes; formatting and comments stay), `iac fix --dry-run` prints it as a unified diff, `--only CODE`",
      "limits it to some codes; the app is analysed again afterwards to confirm. A diagnostic may also carry its fix",
      "itself (`fix` in `--format json`: a title and text edits).",
      "",
      "| code | name | fix |",
      "|---|---|---|",
    );
    for (const f of fixList) lines.push(`| ${f.code} | ${f.name} | ${f.description.replace(/\|/g, "\\|")} |`);
    lines.push("");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

module.exports = { catalogues, fixes, render, DOC };

if (require.main === module) {
  fs.writeFileSync(DOC, render(catalogues()));
  console.log(`wrote ${path.relative(process.cwd(), DOC)}`);
}
