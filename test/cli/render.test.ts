import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { renderDiagnostics } from "../../src/cli/render/diagnostics";
import { styleFor } from "../../src/cli/render/style";
import type { Diagnostic } from "../../src/graph";

const plain = styleFor({ isTTY: false } as NodeJS.WriteStream);

describe("renderDiagnostics", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iac-render-"));
  fs.writeFileSync(path.join(dir, "jobs.ts"), 'import { schedule } from "iac";\n\nschedule.every("5 mins", () => {});\n');

  it("prints file:line:col, severity, code, a code frame with a caret under the column, and the hint", () => {
    const d: Diagnostic = {
      code: "IAC2001",
      severity: "error",
      message: 'invalid rate "5 mins"',
      location: { file: "jobs.ts", line: 3, column: 16 },
      hint: 'did you mean "5 minutes"?',
    };
    const text = renderDiagnostics([d], dir, plain);
    const lines = text.split("\n");
    expect(lines[0]).toBe('jobs.ts:3:16 error IAC2001 invalid rate "5 mins"');
    expect(lines).toContain('> 3 | schedule.every("5 mins", () => {});');
    const caretLine = lines[lines.indexOf('> 3 | schedule.every("5 mins", () => {});') + 1];
    expect(caretLine.indexOf("^")).toBe("> 3 | ".length + 15);
    expect(text).toContain('hint: did you mean "5 minutes"?');
    expect(lines[lines.length - 1]).toBe("1 error, 0 warnings");
  });

  it("lists related locations and survives a file that no longer exists", () => {
    const d: Diagnostic = {
      code: "IAC1003",
      severity: "warning",
      message: "duplicate route GET /a",
      location: { file: "gone.ts", line: 9, column: 1 },
      related: [{ message: "first declared here", location: { file: "jobs.ts", line: 1, column: 1 } }],
    };
    const text = renderDiagnostics([d], dir, plain);
    expect(text).toContain("gone.ts:9:1 warning IAC1003 duplicate route GET /a");
    expect(text).toContain("related: jobs.ts:1:1 first declared here");
    expect(text).not.toContain("|");
  });
});
