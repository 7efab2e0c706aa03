/**
 * CDK's template validation with its engine set up on another thread.
 *
 * Why: CDK's CloudFormation Validate plugin (`iac build --validate`,
 * `CDK_VALIDATION=true`) spends about 0.6 s setting up its WebAssembly
 * engine (compiling the rules for the template's resource types) before it
 * checks anything, on the thread that synthesizes, after everything else of
 * the build. A worker started with the build (`prewarmValidation`, called
 * before the analysis) sets the engine up meanwhile, on another core.
 *
 * How, without changing what is validated or how it is reported: the app
 * registers its own CloudFormationValidatePlugin (CDK's public
 * `policyValidationBeta1`), a subclass whose `validate` hands the same stack
 * templates to the same plugin class in the worker and waits for its report
 * (CDK calls plugins synchronously: `Atomics.wait` on a flag the worker sets
 * once its answer is posted). CDK takes it for its own plugin (the same
 * class, name and version), so the report, the downgrade of its errors to
 * warnings and a failure are CDK's as they were.
 * The one assumption about CDK's inside: the plugin keeps an engine set up
 * for a superset of a template's resource types (`isSubset` in its
 * `initializeEngine`); if that stopped holding, the worker would set up an
 * engine per request, slower, with the same findings. When the worker cannot
 * start, fails or does not answer, the plugin validates on this thread.
 */
import * as fs from "fs";
import * as path from "path";
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from "worker_threads";
import type { CloudFormationValidatePlugin, IPolicyValidationContext, PolicyValidationPluginReport } from "aws-cdk-lib/core";
import type { ValidationAnswer, ValidationRequest } from "./validation-worker";

interface Remote {
  worker: Worker;
  port: MessagePort;
  /** Set to 1 by the worker once an answer is posted. */
  signal: Int32Array;
  /** Set when the worker exits: it will never answer again. */
  exited: boolean;
}

/** Undefined: not started; null: could not start. */
let remote: Remote | null | undefined;
/** Validations the worker answered in this process (tests check the worker did the work). */
let answered = 0;

export function validationsAnsweredByWorker(): number {
  return answered;
}

/** How long a validation may take in the worker before this thread does it itself. */
const ANSWER_TIMEOUT_MS = 120_000;

/** The compiled worker: beside this file in dist/, or dist/'s copy when this runs from source (ts-jest). */
function workerFile(): string {
  const beside = path.join(__dirname, "validation-worker.js");
  return fs.existsSync(beside) ? beside : path.resolve(__dirname, "..", "..", "dist", "synth", "validation-worker.js");
}

/** Starts the worker (once per process) so its engine is ready when synthesis validates. Loads no CDK here. */
export function prewarmValidation(): void {
  if (remote !== undefined) return;
  remote = null;
  try {
    const { port1, port2 } = new MessageChannel();
    const signal = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(workerFile(), { workerData: { port: port2, signal }, transferList: [port2] });
    const started: Remote = { worker, port: port1, signal, exited: false };
    // Never what keeps the process alive: a build that does not validate (a cached one) exits without it.
    worker.unref();
    port1.unref();
    worker.on("error", () => undefined);
    worker.on("exit", () => (started.exited = true));
    remote = started;
  } catch {
    remote = null;
  }
}

/** Sends one request and waits for its answer; undefined when none comes. */
function ask(r: Remote, request: ValidationRequest): ValidationAnswer | undefined {
  if (r.exited) return undefined;
  Atomics.store(r.signal, 0, 0);
  r.port.postMessage(request);
  const deadline = Date.now() + ANSWER_TIMEOUT_MS;
  for (;;) {
    const received = receiveMessageOnPort(r.port);
    if (received) return received.message as ValidationAnswer;
    const left = deadline - Date.now();
    if (left <= 0) return undefined;
    Atomics.wait(r.signal, 0, 0, Math.min(left, 1000));
  }
}

/** The plugin the app registers when it validates: answered by the worker, else by itself. */
export function validationPlugin(): CloudFormationValidatePlugin {
  prewarmValidation();
  // aws-cdk-lib/core is loaded by synthesis already; required here so this module loads without it.
  const { CloudFormationValidatePlugin: Base } = require("aws-cdk-lib/core") as typeof import("aws-cdk-lib/core");
  class WorkerValidatePlugin extends Base {
    private answeredVersion: string | undefined;

    override validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
      const request: ValidationRequest = { templatePaths: [...context.templatePaths], stackTemplates: context.stackTemplates.map((s) => ({ ...s })) };
      const answer = remote ? ask(remote, request) : undefined;
      if (answer?.ok) {
        answered++;
        this.answeredVersion = answer.version;
        return answer.report as PolicyValidationPluginReport;
      }
      return super.validate(context);
    }

    // The engine's version, as CDK reports it, without loading the engine on this thread.
    override get version(): string | undefined {
      return this.answeredVersion ?? super.version;
    }

    override get ruleIds(): string[] | undefined {
      return this.answeredVersion !== undefined ? [this.answeredVersion] : super.ruleIds;
    }
  }
  return new WorkerValidatePlugin();
}

/** Ends the worker (tests; a long-lived process that validated once). */
export async function stopValidation(): Promise<void> {
  const r = remote;
  remote = undefined;
  if (r) await r.worker.terminate();
}
