/**
 * Delivers a built stack, over several updates when its label indexes need
 * them (index-steps.ts). Input: the built assembly, the template deployed
 * now, the approver, the toolkit's deploy of one assembly. Output: one
 * result, as a single deploy gives it, plus the index changes and how many
 * updates ran.
 *
 * One update (the usual case): the toolkit deploys the built assembly and
 * asks its own confirmation, which io-host.ts classifies. Several: the
 * whole change (deployed → built) is classified and put to the approver
 * once, up front; then each step's assembly (step-assembly.ts) is deployed
 * in order without asking again. A step that fails stops the sequence: the
 * steps before it are deployed (each a consistent stack: the old code with
 * more indexes, or the new code with some old indexes left), and deploying
 * again resumes from what is deployed then.
 */
import * as fs from "fs";
import * as path from "path";
import { fullDiff } from "@aws-cdk/cloudformation-diff";
import { classifyTemplateDiff } from "../diff/template";
import type { Template } from "../diff/types";
import type { Diagnostic } from "../graph";
import { DEPLOY_CODES } from "./credentials";
import { planIndexSteps, type IndexChange } from "./index-steps";
import { needsApproval, type Approver } from "./io-host";
import type { DeployProgress } from "./progress";
import { writeStepAssemblies } from "./step-assembly";
import type { StackDeployResult, StackTarget } from "./toolkit";

export type DeployStackFn = (target: StackTarget, progress: DeployProgress, approve?: Approver) => Promise<StackDeployResult>;

export interface SequencedResult extends StackDeployResult {
  /** Label-index creations and deletions, in the order they were (or were to be) made; empty when at most one. */
  indexChanges: IndexChange[];
  /** Stack updates made (or attempted): 1 unless the index changes needed more. */
  updates: number;
}

export interface SequenceInput {
  target: StackTarget;
  /** The stack's template as deployed now; undefined for a new stack. */
  deployed?: Template;
  progress: DeployProgress;
  approve?: Approver;
  deployStack: DeployStackFn;
  /** Where the step assemblies go (replaced on each deploy). */
  stepsDir: string;
}

export async function deploySequenced(input: SequenceInput): Promise<SequencedResult> {
  const { target, progress } = input;
  const built = readTemplate(path.join(target.assemblyDir, `${target.stackName}.template.json`));
  const plan = planIndexSteps(input.deployed, built);
  const notes: Diagnostic[] = plan.redefined.map((r) => ({
    code: DEPLOY_CODES.indexSteps,
    severity: "warning",
    message: `index ${r.index} of ${r.table} is defined differently than deployed: CloudFormation must delete and create it, which one update cannot do`,
  }));
  if (plan.steps.length === 1) {
    const result = await input.deployStack(target, progress, input.approve);
    return { ...result, diagnostics: [...notes, ...result.diagnostics], indexChanges: plan.changes, updates: 1 };
  }

  const changes = classifyTemplateDiff(fullDiff(input.deployed ?? {}, built));
  const asked = needsApproval(changes);
  const base = { outputs: {}, changes, indexChanges: plan.changes, updates: plan.steps.length };
  if (input.approve && asked.length > 0 && !(await input.approve(asked))) {
    return {
      ...base,
      ok: false,
      declined: true,
      updates: 0,
      diagnostics: [{ code: DEPLOY_CODES.declined, severity: "error", message: `Deployment of ${target.stackName} not approved: nothing was changed.` }],
    };
  }
  const intermediate = plan.steps.slice(0, -1).map((s) => s.template);
  const dirs = writeStepAssemblies(target.assemblyDir, target.stackName, intermediate, input.stepsDir);
  const targets = [...dirs.map((assemblyDir) => ({ assemblyDir, stackName: target.stackName })), target];
  const total = targets.length;
  const info: Diagnostic = {
    code: DEPLOY_CODES.indexSteps,
    severity: "info",
    message: `${plan.changes.length} label index changes: CloudFormation creates or deletes one index per table update, so ${target.stackName} is deployed in ${total} updates (${plan.changes.map(describe).join(", ")})`,
  };
  let outputs: Record<string, string> = {};
  for (let i = 0; i < total; i++) {
    const step = plan.steps[i];
    progress.note(
      `Update ${i + 1} of ${total}: ${step.change ? describe(step.change) : "the rest of the change"}${step.base === "deployed" ? " (the running code unchanged)" : ""}`,
    );
    const result = await input.deployStack(targets[i], progress);
    outputs = result.outputs;
    if (!result.ok) {
      const where: Diagnostic = {
        code: DEPLOY_CODES.indexSteps,
        severity: "error",
        message: `update ${i + 1} of ${total} (${step.change ? describe(step.change) : "the rest of the change"}) failed; ${i === 0 ? "nothing was changed" : i === 1 ? "update 1 is deployed" : `updates 1 to ${i} are deployed`}`,
        hint: "Fix the cause and deploy again: the sequence starts over from what is deployed then.",
      };
      return { ...base, ok: false, declined: false, outputs, updates: i + 1, diagnostics: [...notes, info, ...result.diagnostics, where] };
    }
  }
  return { ...base, ok: true, declined: false, outputs, diagnostics: [...notes, info] };
}

function describe(c: IndexChange): string {
  return `${c.action === "create" ? "create" : "delete"} index ${c.index}`;
}

function readTemplate(file: string): Template {
  const parsed: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
  if (!isTemplate(parsed)) throw new Error(`internal: ${file} is not a template`);
  return parsed;
}

function isTemplate(v: unknown): v is Template {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
