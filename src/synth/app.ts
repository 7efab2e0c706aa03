/**
 * Builds the CDK construct tree for one stage, without synthesizing it, so
 * callers (and iac.config's `stack`/`function` hooks) can reach every
 * construct before `app.synth()`. The order of steps below is fixed and
 * independent of the graph: each step reads what earlier ones created from
 * the context. The per-kind steps come from the kind table (kinds.ts), by
 * slot; the stage-wide ones (functions, CDN, grants) are named here.
 */
import { App, Stack, Validations } from "aws-cdk-lib";
import type { AppGraph } from "../graph";
import { addCdn } from "./cdn";
import type { StageOptions, SynthContext } from "./context";
import { addFunctions, type CodeFor } from "./functions";
import { grantUsages } from "./iam";
import { stepsOf, type SynthSlot } from "./kinds";
import { acknowledgeNagFindings } from "./nag";
import { addCloudUrlParam } from "./params";
import { retainHelperLogs } from "./logs";
import type { DomainSetting } from "./hooks";
import { resolveEdge, type EdgeSettings } from "./stage-settings";
import { validationPlugin } from "./validation";

export interface BuildAppOptions extends StageOptions {
  outDir: string;
  validateTemplate: boolean;
  codeFor: CodeFor;
  /** The stage's edge settings from iac.config (stage-settings.ts); absent = the defaults. */
  edge?: EdgeSettings;
  /** The stage's custom domain: one of the app's own origins (CORS). */
  domain?: DomainSetting;
  /** The app's pinned identity (src/config/identity.ts): tags the stack, so a deploy can find it after a rename. */
  appId?: string;
}

export interface IacApp {
  app: App;
  stack: Stack;
  context: SynthContext;
}

export function stackNameOf(graph: AppGraph, stage: string): string {
  return `${graph.app.name}-${stage}`;
}

/** `iac:app`, `iac:stage` and, once pinned, `iac:app-id`: what identifies a stack as this app's. */
export const STACK_TAGS = { app: "iac:app", stage: "iac:stage", appId: "iac:app-id" } as const;

function stackTags(graph: AppGraph, options: BuildAppOptions): Record<string, string> {
  return {
    [STACK_TAGS.app]: graph.app.name,
    [STACK_TAGS.stage]: options.stage,
    ...(options.appId ? { [STACK_TAGS.appId]: options.appId } : {}),
  };
}

export function buildApp(graph: AppGraph, options: BuildAppOptions): IacApp {
  const app = new App({
    outdir: options.outDir,
    // Nothing that varies by machine or CDK build in the output: no CDKMetadata
    // resource, no construct-creation stack traces.
    analyticsReporting: false,
    stackTraces: false,
    builtinCloudFormationValidation: options.validateTemplate,
  });
  // CDK's own validation plugin, its engine set up on another thread meanwhile (validation.ts);
  // registered exactly when CDK would add its default one, which it then does not.
  if (options.validateTemplate && process.env.CDK_VALIDATION !== "false") Validations.of(app).addPlugins(validationPlugin());
  const stack = new Stack(app, stackNameOf(graph, options.stage), {
    description: `iac app ${graph.app.name}, stage ${options.stage}${options.ephemeral ? " (ephemeral)" : ""}`,
    // Stack tags (not resource tags): how `iac deploy` recognises the app's stacks (src/deploy/identity.ts).
    tags: stackTags(graph, options),
  });
  const context: SynthContext = {
    graph,
    options: {
      appDir: options.appDir,
      stage: options.stage,
      ephemeral: options.ephemeral,
      edge: resolveEdge(options.ephemeral, options.edge, options.domain),
      framework: options.framework,
    },
    stack,
    diagnostics: [],
    functions: new Map(),
  };
  const run = (slot: SynthSlot): void => {
    for (const step of stepsOf(slot)) step(context);
  };
  // Stateful and shared resources first: functions' environment names them.
  run("store");
  addFunctions(context, options.codeFor);
  // The public surface: the entry to the functions, then the CDN in front of it and what needs the CDN.
  run("entry");
  addCdn(context);
  addCloudUrlParam(context);
  run("edge");
  // Deliveries of background work.
  run("delivery");
  // Last: grants reference every resource above.
  grantUsages(context);
  // CDK's own helper functions (custom resources) log with the stage's retention too.
  retainHelperLogs(context);
  // After every construct iac makes, before user hooks: see nag.ts.
  acknowledgeNagFindings(context);
  return { app, stack, context };
}
