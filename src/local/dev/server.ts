/**
 * `iac dev`: the app on localhost, reloaded on save.
 *
 * The host (this file) owns everything that must survive a reload: the HTTP
 * server, the embedded table (dynalite under `.iac/<stage>/data`), the
 * storage folder, the event queue, schedule timers, the log stream. Each
 * save rebuilds the app (incremental esbuild) and boots the new bundle as a
 * fresh guest (its own SDK instance and handler registry), then swaps it in;
 * requests already running finish on the version they started on, and a
 * build or load error is reported and leaves the last good version serving.
 * Alongside, after every build that succeeds (the first one included), the
 * analyzer reads the app as `iac build` would (in a worker thread,
 * analysis.ts): its report goes to `onAnalysis`, and never holds up a reload
 * or a request.
 * Output: a `DevServer` handle; logs and diagnostics go to the callbacks the
 * caller passes (the CLI prints them), never straight to the terminal.
 * The dashboard (src/local/dashboard) watches the same session: the logger
 * hands it every line and invocation, the app's SDK calls are recorded
 * through the loader, and its page and API are served at `dashboardUrl`.
 */
import { randomBytes, randomUUID } from "crypto";
import * as fs from "fs";
import type { Server } from "http";
import * as path from "path";
import type { Diagnostic } from "../../graph";
import { localDynamoClient, startLocalDynamo, LOCAL_TABLE, type LocalDynamo } from "../../runtime/data/local";
import type { SeedItem } from "../../runtime/data/types";
import { LocalAppError, resolveLocalApp, resolveLocalStage, stageDir } from "../app";
import { scanItems } from "../data-io";
import { readDataJson } from "../data-json";
import { LocalEventQueue } from "../events-queue";
import { DASHBOARD_PATH } from "../dashboard/router";
import { startDashboardSession } from "../dashboard/session";
import type { Guest } from "../guest";
import { readLocalParams } from "../params";
import { type AnalysisReport, startDevAnalysis } from "./analysis";
import { inBuildTerms } from "./build-codes";
import { createDevBundler } from "./bundler";
import { CONTROL_PATH } from "./control";
import { startFrameworkDev } from "./framework";
import { createHostApp } from "./http";
import { loadVersion, writeSdk } from "./loader";
import { DevLogger, type Paint } from "./logger";
import { LocalScheduler } from "./scheduler";
import { writeDevState } from "./state";
import { watchApp } from "./watch";

export interface DevOptions {
  dir: string;
  /** Default 3000; 0 picks a free port. */
  port?: number;
  /**
   * Address to listen on; default 127.0.0.1, this machine only. Any other
   * (`0.0.0.0`, a LAN address) makes the app, its data and its control
   * endpoint reachable from other machines, and is warned about at start.
   */
  host?: string;
  /** Default DEFAULT_STAGE (src/stage.ts). */
  stage?: string;
  /** Reseed from data.json at start, overwriting (first start of a stage always seeds). */
  seed?: boolean;
  /** Reseed whenever data.json changes. */
  reseed?: boolean;
  /** Watch the app and reload on change (default true). */
  watch?: boolean;
  /** How often expired items are deleted, as DynamoDB's TTL process does (default 30 s: DynamoDB itself takes minutes to days; 0: never on its own). */
  ttlSweepMs?: number;
  write(line: string): void;
  paint?: Paint;
  onDiagnostics(diagnostics: Diagnostic[]): void;
  /** Each analysis's report (what `iac build` would say, and what changed since the last one); absent: no analysis runs. */
  onAnalysis?(report: AnalysisReport): void;
}

export interface ReloadOutcome {
  ok: boolean;
  version: number;
}

export interface DevServer {
  url: string;
  /** The control endpoint with this run's token: `<url>/_iac?token=<token>`. */
  controlUrl: string;
  /** The dashboard page with this run's token: `<url>/_iac/dashboard?token=<token>`. */
  dashboardUrl: string;
  stage: string;
  reload(): Promise<ReloadOutcome>;
  runSchedule(expression: string): Promise<void>;
  publish(name: string, body: unknown): Promise<{ id: string }>;
  schedules(): string[];
  eventNames(): string[];
  /** Deletes expired items now (what the periodic sweep does): `data.on("deleted")` runs for each. */
  expireData(): Promise<number>;
  close(): Promise<void>;
}

const TTL_SWEEP_MS = 30_000;

export const DEFAULT_HOST = "127.0.0.1";

/** Addresses that only this machine can reach. */
function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

export class PortInUseError extends LocalAppError {}

/** Old versions are closed once no request can still be running on them (the API's 29 s maximum). */
const RETIRE_AFTER_MS = 30_000;

export async function startDevServer(options: DevOptions): Promise<DevServer> {
  const app = resolveLocalApp(options.dir);
  const { stage } = resolveLocalStage(app.dir, options.stage);
  const root = stageDir(app.dir, stage);
  // A params file that cannot be read is the user's to fix: said before anything starts.
  readLocalParams({ appDir: app.dir, appName: app.name, stage });
  const devDir = path.join(root, "dev");
  fs.rmSync(devDir, { recursive: true, force: true });
  process.setSourceMapsEnabled(true);
  const dashboard = startDashboardSession(() => logger.currentTrace(), options.onAnalysis !== undefined);
  const { recorder } = dashboard;
  const logger = new DevLogger(options.write, options.paint, recorder);
  const storageSecret = randomUUID();
  const controlToken = randomBytes(24).toString("base64url");
  let current: Guest | undefined;
  let version = 0;
  const requireGuest = (): Guest => {
    if (!current) throw new Error("the app has not built yet");
    return current;
  };

  const queue = new LocalEventQueue({
    deliver: (event) => logger.run(`event ${event.name}`, () => requireGuest().deliverEvent(event)),
    onGiveUp: (event, error) => logger.error(`events.on ${event.name} (${event.id}): gave up after retries: ${describe(error)}`),
  });
  const scheduler = new LocalScheduler({
    run: (expression) => runSchedule(expression),
  });
  async function runSchedule(expression: string): Promise<void> {
    logger.info(`schedule ${expression}: running`);
    await logger.run(`schedule ${expression}`, () => requireGuest().runSchedule(expression));
  }
  async function publish(name: string, body: unknown): Promise<{ id: string }> {
    const id = randomUUID();
    await queue.publish({ id, name, body, time: new Date().toISOString(), delay: 0 });
    return { id };
  }

  const hostApp = createHostApp({
    staticDir: path.join(app.dir, "static"),
    logger,
    current: () => current,
    control: {
      status: () => ({ app: app.name, stage, version, schedules: scheduler.expressions(), events: current?.eventNames() ?? [], pendingEvents: queue.list() }),
      runSchedule,
      publish,
      exportData: () => scanItems(dynamo.endpoint),
      importData: (items, overwrite) => seed(items, overwrite),
      reload: () => reload(),
    },
    controlToken,
    dashboard: dashboard.router(
      {
        status: () => ({ app: app.name, stage, version, url, appDir: app.dir }),
        guest: () => current,
        dataClient: () => dataClient,
        dataTable: LOCAL_TABLE,
        schedules: () => scheduler.expressions().map((expression) => ({ expression, next: scheduler.nextRun(expression) })),
        runSchedule,
        publish,
        pendingEvents: () => queue.list(),
        params: () => params,
        async paramsChanged() {
          params = readLocalParams({ appDir: app.dir, appName: app.name, stage, url });
          await reload();
        },
      },
      controlToken,
    ),
  });
  const host = options.host ?? DEFAULT_HOST;
  const server = await listen(hostApp, options.port ?? 3000, host);
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : (options.port ?? 3000);
  // The address the app's own links should name: localhost unless it listens on one address of another machine's reach.
  const wildcard = host === "0.0.0.0" || host === "::";
  const url = isLoopback(host) || wildcard ? `http://localhost:${port}` : `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  const controlUrl = `${url}${CONTROL_PATH}?token=${controlToken}`;
  const dashboardUrl = `${url}${DASHBOARD_PATH}?token=${controlToken}`;

  const firstStart = !fs.existsSync(path.join(root, "data"));
  let dynamo: LocalDynamo;
  try {
    dynamo = await startLocalDynamo(path.join(root, "data"));
  } catch (error) {
    server.close();
    throw new LocalAppError(`cannot open the data of stage "${stage}" (is another iac dev running on it?): ${describe(error)}`);
  }
  let params = readLocalParams({ appDir: app.dir, appName: app.name, stage, url });
  // A web-framework app's dev server, behind this port after the SDK's routes (framework.ts).
  const framework = await startFrameworkDev({
    appDir: app.dir,
    appName: app.name,
    stage,
    dataEndpoint: dynamo.endpoint,
    dataTable: LOCAL_TABLE,
    log: (line) => logger.info(`[framework] ${line}`),
  });
  if (framework) {
    logger.info(`${framework.name}: ${framework.command}`);
    server.on("upgrade", (req, socket, head) => framework.upgrade(req, socket, head));
  }
  const onAnalysis = options.onAnalysis;
  const analysis = onAnalysis
    ? startDevAnalysis(app.dir, {
        onReport: (report, graph) => {
          dashboard.analysed(report, graph);
          onAnalysis(report);
        },
        onFailure: (message) => logger.error(`the analysis failed (a bug in iac; the app keeps running): ${message}`),
      })
    : undefined;
  const bundler = await createDevBundler(app.dir, app.entry, devDir);
  const sdkFile = writeSdk(devDir, bundler.sdkCode);
  // One client for every version: a new one per reload would pay its set-up on the first request.
  const dataClient = localDynamoClient(dynamo.endpoint);

  /** data.json and `iac data import` into the running stage: `overwrite` replaces items whose keys exist, and keeps the rest. */
  async function seed(items: SeedItem[], overwrite: boolean): Promise<number> {
    const written = await requireGuest().loadData(items, overwrite);
    recorder.notify("data", () => ({ keys: [], imported: written }));
    return written;
  }

  async function buildAndSwap(): Promise<ReloadOutcome> {
    const started = process.hrtime.bigint();
    const built = await bundler.build();
    if (!built.ok) {
      // A syntax error under the code iac build and iac test give it (build-codes.ts).
      const reported = await inBuildTerms(app.dir, built.diagnostics).catch((error: unknown) => {
        logger.error(`the analysis failed (a bug in iac; esbuild's report follows): ${describe(error)}`);
        return built.diagnostics;
      });
      options.onDiagnostics(reported);
      logger.error(`build failed; ${current ? `still serving version ${version}` : "nothing to serve yet"}`);
      recorder.notify("reload", () => ({ ok: false, version, diagnostics: reported }));
      return { ok: false, version };
    }
    // After esbuild, which takes both cores of a small machine while it builds, and
    // beside the guest's load, which takes one: run alongside esbuild, the analysis
    // competes with it and the reload takes longer (about 20 ms at 200 files, bench/dev-reload).
    analysis?.request();
    let next: Guest;
    try {
      const module = loadVersion(sdkFile, devDir, version + 1, built.code, built.format, dashboard.instrument);
      next = await module.bootGuest(
        {
          appDir: app.dir,
          staticDir: path.join(app.dir, "static"),
          dataEndpoint: dynamo.endpoint,
          dataClient,
          dataTable: LOCAL_TABLE,
          framework: framework?.handler,
          storageDir: path.join(root, "storage"),
          baseUrl: url,
          storageSecret,
          params,
          events: queue,
          logger: { error: (message) => logger.error(message) },
          trace: (label, fn) => logger.run(label, fn),
          onDataListenerFailure: (error, event) => logger.error(`data.on ${event.name} ${event.item.key}: gave up after retries: ${describe(error)}`),
          onStorageListenerFailure: (error, event) => logger.error(`storage.on ${event.name} ${event.path}: gave up after retries: ${describe(error)}`),
          onLateWrite: (write) =>
            logger.warn(
              `${write.route}: ${write.call} after the route's ${write.timeoutMs} ms timeout; the write landed here, but on Lambda the invocation would have been stopped and it would not (answer sooner, or give the route a longer timeout)`,
            ),
        },
        module.loadApp,
      );
    } catch (error) {
      logger.error(`the app failed to load: ${describe(error)}\n${current ? `still serving version ${version}` : "nothing to serve yet"}`);
      recorder.notify("reload", () => ({ ok: false, version, error: describe(error) }));
      return { ok: false, version };
    }
    const previous = current;
    current = next;
    version += 1;
    scheduler.sync(next.schedules().map((s) => s.expression));
    if (previous) setTimeout(() => previous.close(), RETIRE_AFTER_MS).unref();
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    logger.info(version === 1 ? `app loaded in ${ms.toFixed(0)} ms` : `reloaded in ${ms.toFixed(0)} ms (version ${version})`);
    recorder.notify("reload", () => ({ ok: true, version, ms }));
    return { ok: true, version };
  }

  // Reloads run one at a time; changes during a reload coalesce into one more.
  let chain: Promise<unknown> = Promise.resolve();
  let queued: Promise<ReloadOutcome> | undefined;
  function reload(): Promise<ReloadOutcome> {
    if (queued) return queued;
    const run = chain.then(() => {
      queued = undefined;
      return buildAndSwap();
    });
    queued = run;
    chain = run.catch((error: unknown) => logger.error(`reload failed: ${describe(error)}`));
    return run;
  }

  const restoreConsole = logger.captureConsole();
  const first = await reload();
  const dataJson = path.join(app.dir, "data.json");
  if (first.ok && (firstStart || options.seed) && fs.existsSync(dataJson)) {
    // A data.json that is not valid leaves the table as it is; the server runs on, as after a bad edit.
    try {
      const written = await seed(readDataJson(dataJson), true);
      logger.info(`seeded ${written} item(s) from data.json`);
    } catch (error) {
      if (!(error instanceof LocalAppError)) throw error;
      logger.error(`${error.message}; nothing was seeded (fix it, then restart with --seed)`);
    }
  }
  const stopWatching =
    options.watch === false
      ? () => undefined
      : watchApp(app.dir, {
          onCode: () => void reload(),
          onDataJson: () => {
            if (!options.reseed || !current) return;
            seed(readDataJson(dataJson), true).then(
              (n) => logger.info(`data.json changed: reseeded ${n} item(s)`),
              (error: unknown) => logger.error(`data.json: ${describe(error)}`),
            );
          },
        });
  // DynamoDB deletes expired items some time after their ttl, and data.on sees each as `deleted`;
  // dynalite never does, so the host sweeps (one sweep at a time, on the serving version).
  let sweeping: Promise<number> | undefined;
  function expireData(): Promise<number> {
    sweeping ??= Promise.resolve()
      .then(() => (current ? current.expireData() : 0))
      .then((n) => {
        if (n > 0) {
          logger.info(`data: ${n} expired item(s) deleted (ttl)`);
          recorder.notify("data", () => ({ keys: [], expired: n }));
        }
        return n;
      })
      .finally(() => (sweeping = undefined));
    return sweeping;
  }
  const sweepEvery = options.ttlSweepMs ?? TTL_SWEEP_MS;
  const sweepTimer =
    sweepEvery > 0 ? setInterval(() => expireData().catch((error: unknown) => logger.error(`data ttl sweep: ${describe(error)}`)), sweepEvery) : undefined;
  sweepTimer?.unref();
  const removeState = writeDevState(app.dir, stage, url, controlToken);
  logger.info(`${app.name} (stage ${stage}) at ${url}`);
  if (!isLoopback(host)) {
    logger.warn(
      `listening on ${host}: the app and its data are reachable from other machines on the network` +
        ` (the control endpoint ${CONTROL_PATH} asks for the token; anything else, the app's routes and files, does not). Leave out --host to serve this machine only.`,
    );
  }

  let closed = false;
  return {
    url,
    controlUrl,
    dashboardUrl,
    stage,
    reload,
    runSchedule,
    publish,
    schedules: () => scheduler.expressions(),
    eventNames: () => current?.eventNames() ?? [],
    expireData,
    async close() {
      if (closed) return;
      closed = true;
      stopWatching();
      if (sweepTimer) clearInterval(sweepTimer);
      await sweeping?.catch(() => undefined);
      scheduler.stop();
      queue.close();
      removeState();
      recorder.close();
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await stopped;
      await chain;
      await analysis?.close();
      await bundler.dispose();
      current?.close();
      dataClient.destroy();
      await framework?.close();
      await dynamo.close();
      restoreConsole();
    },
  };
}

function listen(app: ReturnType<typeof createHostApp>, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host);
    server.once("listening", () => resolve(server));
    server.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE") reject(new PortInUseError(`port ${port} is already in use (another iac dev?); choose another with --port`));
      else if (error.code === "EADDRNOTAVAIL" || error.code === "ENOTFOUND")
        reject(new LocalAppError(`cannot listen on ${host}: it is not an address of this machine (${error.code}); see --host`));
      else reject(error);
    });
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
