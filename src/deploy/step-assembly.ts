/**
 * Writes one cloud assembly per intermediate step of a sequenced deployment
 * (index-steps.ts), beside the assembly `iac build` wrote, so the toolkit
 * deploys each exactly as it deploys the built one: the same stack
 * artifact and properties (roles, bootstrap version), the step's template,
 * and an asset manifest whose template entry carries the step template's
 * own hash (CDK uploads the template as an asset named by its sha256).
 * Every other asset points back into the built assembly, so nothing large
 * is copied; a step that deploys the old template references assets that
 * are already in the bucket, and publishing the new ones early is harmless.
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import type { Template } from "../diff/types";

type Json = Record<string, unknown>;

function isJson(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function readJson(file: string): Json {
  const parsed: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
  if (!isJson(parsed)) throw new Error(`internal: ${file} is not a JSON object`);
  return parsed;
}

/**
 * Writes `templates` as assemblies `<outRoot>/step-<n>` (n from 1) for stack `stackName`
 * of the assembly in `assemblyDir`; returns their directories, in order.
 */
export function writeStepAssemblies(assemblyDir: string, stackName: string, templates: readonly Template[], outRoot: string): string[] {
  const manifest = readJson(path.join(assemblyDir, "manifest.json"));
  const artifacts = isJson(manifest.artifacts) ? manifest.artifacts : {};
  const stack = artifacts[stackName];
  if (!isJson(stack) || stack.type !== "aws:cloudformation:stack" || !isJson(stack.properties)) {
    throw new Error(`internal: ${assemblyDir} has no stack artifact ${stackName}`);
  }
  const props = stack.properties;
  const templateFile = typeof props.templateFile === "string" ? props.templateFile : `${stackName}.template.json`;
  const depIds = Array.isArray(stack.dependencies) ? stack.dependencies.filter((d): d is string => typeof d === "string") : [];
  const assetIds = depIds.filter((id) => {
    const artifact = artifacts[id];
    return isJson(artifact) && artifact.type === "cdk:asset-manifest";
  });
  fs.rmSync(outRoot, { recursive: true, force: true });
  return templates.map((template, i) => {
    const dir = path.join(outRoot, `step-${i + 1}`);
    fs.mkdirSync(dir, { recursive: true });
    const body = `${JSON.stringify(template, null, 1)}\n`;
    const hash = createHash("sha256").update(body).digest("hex");
    fs.writeFileSync(path.join(dir, templateFile), body);
    const stepArtifacts: Json = {};
    for (const id of assetIds) {
      const artifact = artifacts[id];
      if (!isJson(artifact) || !isJson(artifact.properties) || typeof artifact.properties.file !== "string") continue;
      const file = artifact.properties.file;
      fs.writeFileSync(
        path.join(dir, file),
        `${JSON.stringify(rewriteAssets(readJson(path.join(assemblyDir, file)), templateFile, hash, assemblyDir, dir), null, 2)}\n`,
      );
      stepArtifacts[id] = artifact;
    }
    const metadataFile = typeof stack.additionalMetadataFile === "string" ? stack.additionalMetadataFile : undefined;
    if (metadataFile && fs.existsSync(path.join(assemblyDir, metadataFile)))
      fs.copyFileSync(path.join(assemblyDir, metadataFile), path.join(dir, metadataFile));
    const url = typeof props.stackTemplateAssetObjectUrl === "string" ? props.stackTemplateAssetObjectUrl.replace(/[0-9a-f]{64}(?=\.json$)/, hash) : undefined;
    stepArtifacts[stackName] = { ...stack, properties: { ...props, ...(url ? { stackTemplateAssetObjectUrl: url } : {}) } };
    fs.writeFileSync(path.join(dir, "manifest.json"), `${JSON.stringify({ ...manifest, artifacts: stepArtifacts }, null, 2)}\n`);
    return dir;
  });
}

/** The asset manifest for a step: the template entry re-keyed by the step template's hash, other sources pointing into the built assembly. */
function rewriteAssets(assets: Json, templateFile: string, hash: string, assemblyDir: string, stepDir: string): Json {
  const files: Json = {};
  for (const [key, entry] of Object.entries(isJson(assets.files) ? assets.files : {})) {
    if (!isJson(entry) || !isJson(entry.source)) continue;
    if (entry.source.path === templateFile) {
      const destinations: Json = {};
      for (const [d, dest] of Object.entries(isJson(entry.destinations) ? entry.destinations : {})) {
        destinations[d] = isJson(dest) ? { ...dest, objectKey: `${hash}.json` } : dest;
      }
      files[hash] = { ...entry, destinations };
      continue;
    }
    const source =
      typeof entry.source.path === "string" ? { ...entry.source, path: path.relative(stepDir, path.join(assemblyDir, entry.source.path)) } : entry.source;
    files[key] = { ...entry, source };
  }
  const images: Json = {};
  for (const [key, entry] of Object.entries(isJson(assets.dockerImages) ? assets.dockerImages : {})) {
    if (!isJson(entry) || !isJson(entry.source) || typeof entry.source.directory !== "string") {
      images[key] = entry;
      continue;
    }
    images[key] = { ...entry, source: { ...entry.source, directory: path.relative(stepDir, path.join(assemblyDir, entry.source.directory)) } };
  }
  return { ...assets, files, dockerImages: images };
}
