import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { analyzeApp, type AnalyzeResult } from "../../src/analyzer";

const roots: string[] = [];

/** Writes `files` (path → content) into a fresh temp directory. */
export function writeApp(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iac-analyzer-"));
  roots.push(dir);
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return dir;
}

export function analyzeFiles(files: Record<string, string>): AnalyzeResult {
  return analyzeApp(writeApp(files));
}

export function cleanup(): void {
  for (const dir of roots.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** Codes of the diagnostics, in their (sorted) order. */
export function codes(result: AnalyzeResult): string[] {
  return result.diagnostics.map((d) => d.code);
}
