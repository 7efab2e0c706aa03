/**
 * Prints TypeScript files from ts-morph structures: an in-memory project,
 * one source file per structure list, then ts-morph's formatter (two
 * spaces, double quotes, LF). The same structures print the same text.
 */
import { IndentationText, NewLineKind, Project, QuoteKind, type StatementStructures } from "ts-morph";

export interface TypeScriptFile {
  /** Relative to the ejected project, POSIX. */
  path: string;
  /** What the file is, printed as its opening comment. */
  header: string;
  statements: (string | StatementStructures)[];
}

export function printTypeScript(files: readonly TypeScriptFile[]): Map<string, string> {
  const project = new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: {
      quoteKind: QuoteKind.Double,
      indentationText: IndentationText.TwoSpaces,
      newLineKind: NewLineKind.LineFeed,
      useTrailingCommas: true,
    },
  });
  const out = new Map<string, string>();
  for (const file of files) {
    const source = project.createSourceFile(`/${file.path}`, {
      leadingTrivia: `${docComment(file.header)}\n`,
      statements: file.statements,
    });
    source.formatText({ indentSize: 2, tabSize: 2, convertTabsToSpaces: true, ensureNewLineAtEndOfFile: true });
    out.set(file.path, source.getFullText());
  }
  return out;
}

function docComment(text: string): string {
  return `/**\n${text
    .split("\n")
    .map((l) => (l.length > 0 ? ` * ${l}` : " *"))
    .join("\n")}\n */`;
}
