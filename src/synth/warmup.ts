/**
 * Overlaps CDK's start-up cost with esbuild. The first construct tree of a
 * process costs ~0.5 s, nearly all of it loading and compiling aws-cdk-lib
 * code and staging shared assets; a second tree of the same shape costs
 * ~30 ms. esbuild bundles in its own process, so while it works, synth
 * builds a throwaway tree of the same graph (stub code through the same asset
 * code path, never synthesized). Run only when the synth cache will surely
 * miss, so an unchanged rebuild does not pay for it.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { AssetHashType } from "aws-cdk-lib";
import { Code } from "aws-cdk-lib/aws-lambda";
import type { AppGraph } from "../graph";
import { buildApp, type BuildAppOptions } from "./app";

const STUB = 'exports.handler = async () => { throw new Error("iac: warm-up stub, never deployed"); };\n';

export function warmUpCdk(graph: AppGraph, options: Omit<BuildAppOptions, "codeFor">): void {
  const dir = path.join(os.tmpdir(), "iac-synth-warmup");
  if (!fs.existsSync(path.join(dir, "index.js"))) {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "index.js"), STUB);
  }
  // Its staged stub asset is unreferenced by the real assembly and pruned after synth.
  const code = Code.fromAsset(dir, { assetHash: "iac-warmup", assetHashType: AssetHashType.CUSTOM });
  buildApp(graph, { ...options, codeFor: () => code });
}
