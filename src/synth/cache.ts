/**
 * The rebuild cache: skips CDK synthesis (the slow part) when its output
 * would be identical. The key covers everything synth reads: the graph (which
 * includes static files' sha256), the stage options, each function's bundle
 * hash (bundling itself always runs: it is how code edits are seen), the
 * synth module's own files and the aws-cdk-lib version. A hit also requires
 * the assembly on disk to be intact (template bytes unchanged). The stamp
 * lives inside the assembly dir, so deleting the assembly drops the cache.
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { isSynthResult, type SynthResult } from "./types";

const STAMP = "iac-cache.json";

interface Stamp {
  /** Key of everything but the bundles: known before bundling, so a sure miss is known early. */
  preKey: string;
  key: string;
  templateSha256: string;
  result: SynthResult;
}

export function sha256(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Fingerprint of the code that produces the template: this folder's files and the CDK version. */
let synthFingerprint: string | undefined;
export function fingerprintSynth(): string {
  if (synthFingerprint) return synthFingerprint;
  const hash = createHash("sha256");
  for (const name of fs.readdirSync(__dirname).sort()) {
    const file = path.join(__dirname, name);
    if (fs.statSync(file).isFile()) hash.update(name).update("\0").update(fs.readFileSync(file));
  }
  hash.update(fs.readFileSync(require.resolve("aws-cdk-lib/package.json")));
  return (synthFingerprint = hash.digest("hex"));
}

export function cacheKey(inputs: unknown): string {
  return sha256(JSON.stringify({ synth: fingerprintSynth(), inputs }));
}

export function readCache(outDir: string, key: string): SynthResult | undefined {
  const stampPath = path.join(outDir, STAMP);
  if (!fs.existsSync(stampPath)) return undefined;
  const stamp = parseStamp(fs.readFileSync(stampPath, "utf8"));
  if (!stamp || stamp.key !== key) return undefined;
  const template = stamp.result.templatePath;
  if (!fs.existsSync(template) || sha256(fs.readFileSync(template)) !== stamp.templateSha256) return undefined;
  if (!fs.existsSync(path.join(outDir, "manifest.json"))) return undefined;
  return { ...stamp.result, diagnostics: [], cached: true };
}

/** True when the last synth into outDir had the same graph and options (only bundles may differ). */
export function matchesPreKey(outDir: string, preKey: string): boolean {
  const stampPath = path.join(outDir, STAMP);
  return fs.existsSync(stampPath) && parseStamp(fs.readFileSync(stampPath, "utf8"))?.preKey === preKey;
}

export function writeCache(outDir: string, keys: { preKey: string; key: string }, result: SynthResult): void {
  const stamp: Stamp = { ...keys, templateSha256: sha256(fs.readFileSync(result.templatePath)), result: { ...result, cached: false } };
  fs.writeFileSync(path.join(outDir, STAMP), `${JSON.stringify(stamp, null, 2)}\n`);
}

function parseStamp(text: string): Stamp | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== "object" || parsed === null) return undefined;
    if (!("preKey" in parsed) || !("key" in parsed) || !("templateSha256" in parsed) || !("result" in parsed)) return undefined;
    const { preKey, key, templateSha256, result } = parsed;
    if (typeof preKey !== "string" || typeof key !== "string" || typeof templateSha256 !== "string" || !isSynthResult(result)) return undefined;
    return { preKey, key, templateSha256, result };
  } catch {
    return undefined;
  }
}

/** True when `outDir` is missing, empty or a cloud assembly: the only places synth may write. */
export function isAssemblyDir(outDir: string): boolean {
  if (!fs.existsSync(outDir)) return true;
  const entries = fs.readdirSync(outDir);
  return entries.length === 0 || entries.includes("manifest.json");
}

/**
 * After a synth into a reused assembly dir: removes what the new assembly no
 * longer references (old assets, other stacks' files), so stale files never
 * pile up. Assets are content-addressed (`asset.<hash>`), which is also why
 * CDK may skip re-copying those that are already there (the 21 MB AWS CLI
 * layer of BucketDeployment, for one).
 */
export function pruneAssembly(outDir: string, stackName: string): void {
  const manifest = path.join(outDir, `${stackName}.assets.json`);
  const referenced = new Set<string>();
  if (fs.existsSync(manifest)) {
    for (const match of fs.readFileSync(manifest, "utf8").matchAll(/"path":\s*"(asset\.[^"]+)"/g)) referenced.add(match[1]);
  }
  for (const entry of fs.readdirSync(outDir)) {
    const stale =
      (entry.startsWith("asset.") && !referenced.has(entry)) || (/\.(template|assets|metadata)\.json$/.test(entry) && !entry.startsWith(`${stackName}.`));
    if (stale) fs.rmSync(path.join(outDir, entry), { recursive: true, force: true });
  }
}
