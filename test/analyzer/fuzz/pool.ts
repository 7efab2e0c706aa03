/**
 * Runs one function on many app directories in a small pool of child
 * processes (child.js), each job with a time limit. A child that does not
 * answer in time is killed (SIGKILL: a read blocked on a FIFO does not
 * return to JavaScript, so a worker thread could not be stopped) and the job
 * is a hang; a child that dies (out of memory, `process.exit`) is a crash of
 * the job it was running; a throw is a crash with its stack. A fresh child
 * takes the dead one's place.
 */
import { type ChildProcess, fork } from "child_process";
import * as path from "path";
import type { Diagnostic } from "../../../src/graph";

export interface Job {
  dir: string;
  /** The export of the pool's module to call with `dir`. */
  fn: string;
  /** This job's limit, when not the pool's. */
  timeoutMs?: number;
}

export type Outcome =
  | { kind: "ok"; diagnostics: Diagnostic[] | undefined; handlers: number; ms: number }
  | { kind: "crash"; error: string; ms: number }
  | { kind: "hang"; ms: number };

export interface PoolOptions {
  /** Absolute path of the module the children load (`dist/analyzer`, or planted faults). */
  module: string;
  timeoutMs: number;
  concurrency: number;
  /** Heap limit per child, so a file that never ends (a link to /dev/zero) is a crash, not a frozen machine. */
  maxOldSpaceMb?: number;
}

interface Reply {
  id?: number;
  ready?: boolean;
  ok?: boolean;
  diagnostics?: Diagnostic[];
  handlers?: number;
  error?: string;
  ms?: number;
}

const CHILD = path.join(__dirname, "child.js");

export async function runPool(jobs: readonly Job[], options: PoolOptions): Promise<Outcome[]> {
  const outcomes: Outcome[] = new Array(jobs.length);
  let next = 0;

  const spawn = (): Promise<ChildProcess> =>
    new Promise((resolve, reject) => {
      const child = fork(CHILD, [options.module], {
        execArgv: [`--max-old-space-size=${options.maxOldSpaceMb ?? 1024}`],
        stdio: ["ignore", "ignore", "pipe", "ipc"],
        env: { ...process.env, NO_COLOR: "1" },
      });
      child.stderr?.resume();
      const onExit = (code: number | null): void => reject(new Error(`fuzz child exited (${code}) before it was ready`));
      child.once("exit", onExit);
      child.once("message", (m: Reply) => {
        child.off("exit", onExit);
        if (m.ready) resolve(child);
        else reject(new Error(`unexpected first message ${JSON.stringify(m)}`));
      });
    });

  const runOne = (child: ChildProcess, id: number): Promise<{ outcome: Outcome; alive: boolean }> =>
    new Promise((resolve) => {
      const start = Date.now();
      let settled = false;
      const finish = (outcome: Outcome, alive: boolean): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        child.off("message", onMessage);
        child.off("exit", onExit);
        resolve({ outcome, alive });
      };
      const onMessage = (m: Reply): void => {
        if (m.id !== id) return;
        const ms = m.ms ?? Date.now() - start;
        finish(m.ok ? { kind: "ok", diagnostics: m.diagnostics, handlers: m.handlers ?? 0, ms } : { kind: "crash", error: m.error ?? "(no stack)", ms }, true);
      };
      const onExit = (code: number | null, signal: string | null): void => {
        finish({ kind: "crash", error: `the analyzing process died (exit ${code}, signal ${signal})`, ms: Date.now() - start }, false);
      };
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        finish({ kind: "hang", ms: Date.now() - start }, false);
      }, jobs[id].timeoutMs ?? options.timeoutMs);
      child.on("message", onMessage);
      child.once("exit", onExit);
      child.send({ id, dir: jobs[id].dir, fn: jobs[id].fn }, (error) => {
        if (error) finish({ kind: "crash", error: `the analyzing process could not be sent the job: ${error.message}`, ms: Date.now() - start }, false);
      });
    });

  const lane = async (): Promise<void> => {
    let child: ChildProcess | undefined;
    try {
      while (next < jobs.length) {
        const id = next++;
        // A child that died between jobs (it should not) is replaced, not written to.
        if (child && (child.exitCode !== null || child.signalCode !== null || !child.connected)) child = undefined;
        child ??= await spawn();
        const { outcome, alive } = await runOne(child, id);
        outcomes[id] = outcome;
        if (!alive) {
          child.kill("SIGKILL");
          child = undefined;
        }
      }
    } finally {
      if (child && child.exitCode === null && child.signalCode === null) {
        const done = new Promise((r) => child?.once("exit", r));
        child.kill();
        await done;
      }
    }
  };

  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, jobs.length)) }, lane));
  return outcomes;
}
