/**
 * `iac dev` for a web-framework app (src/frameworks): the framework's own
 * dev server (the app's `cloud:dev` script with `PORT` set, else the
 * framework's, e.g. `next dev --port <port>`) runs as a child process on a
 * free loopback port, and the dev host serves it behind its one port: the
 * app's SDK routes first, as on Lambda, then every other request proxied to
 * the framework (the guest's framework handler), WebSocket upgrades
 * included, so the framework's hot reload works through the host's URL.
 *
 * The framework's server code reaches the same data as the app's routes:
 * the child's environment names the dev instance's table and its local
 * DynamoDB endpoint (dynalite), which the SDK reads when nothing else
 * configured it (src/runtime/data). Storage, events and params are not
 * bridged into the child (docs/frameworks.md).
 */
import { spawn, type ChildProcess } from "child_process";
import * as http from "http";
import * as net from "net";
import * as path from "path";
import type { Duplex } from "stream";
import { detectFramework } from "../../frameworks/registry";

export interface FrameworkDev {
  /** The framework's name and the command that runs it, for the log. */
  name: string;
  command: string;
  /** Proxies one request to the framework's dev server (waiting for it to listen). */
  handler: http.RequestListener;
  /** Proxies a WebSocket upgrade (the framework's hot reload). */
  upgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): Promise<void>;
}

export interface FrameworkDevOptions {
  appDir: string;
  appName: string;
  stage: string;
  dataEndpoint: string;
  dataTable: string;
  /** One line of the framework's output. */
  log(line: string): void;
}

/** How long a request waits for the framework's dev server to start listening. */
const START_TIMEOUT_MS = 120_000;

/** Starts the framework's dev server when the app uses one iac serves; undefined for any other app. */
export async function startFrameworkDev(options: FrameworkDevOptions): Promise<FrameworkDev | undefined> {
  const detected = detectFramework(options.appDir);
  const framework = detected?.framework;
  if (!detected || !framework?.served) return undefined;
  const port = await freePort();
  const command = detected.devScript ?? framework.devCommand(port).join(" ");
  const bin = path.join(options.appDir, "node_modules", ".bin");
  const child = spawn("sh", ["-c", command], {
    cwd: options.appDir,
    // A process group of its own, so closing stops the framework's workers with it.
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      PATH: `${bin}${path.delimiter}${process.env.PATH ?? ""}`,
      PORT: String(port),
      NEXT_TELEMETRY_DISABLED: "1",
      IAC_APP: options.appName,
      IAC_STAGE: options.stage,
      IAC_TABLE: options.dataTable,
      AWS_ENDPOINT_URL_DYNAMODB: options.dataEndpoint,
      AWS_REGION: "us-east-1",
      AWS_ACCESS_KEY_ID: "local",
      AWS_SECRET_ACCESS_KEY: "local",
    },
  });
  forwardLines(child, options.log);
  let exited: string | undefined;
  child.on("exit", (code, signal) => {
    exited = `${command} exited (${code ?? signal})`;
    options.log(exited);
  });
  const ready = waitForPort(port, () => exited);
  ready.catch(() => undefined);
  return {
    name: framework.title,
    command,
    handler(req, res) {
      ready.then(
        () => proxyRequest(port, req, res),
        (error: unknown) => {
          res.statusCode = 502;
          res.setHeader("content-type", "text/plain");
          res.end(`${framework.title}'s dev server is not running: ${error instanceof Error ? error.message : String(error)}\n`);
        },
      );
    },
    upgrade(req, socket, head) {
      ready.then(
        () => proxyUpgrade(port, req, socket, head),
        () => socket.destroy(),
      );
    },
    close: () => stop(child),
  };
}

function forwardLines(child: ChildProcess, log: (line: string) => void): void {
  let pending = "";
  const take = (chunk: Buffer): void => {
    pending += chunk.toString();
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) if (line.trim() !== "") log(line.replace(/\s+$/, ""));
  };
  child.stdout?.on("data", take);
  child.stderr?.on("data", take);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function waitForPort(port: number, exited: () => string | undefined): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const attempt = (): void => {
      const gone = exited();
      if (gone) return reject(new Error(gone));
      if (Date.now() - started > START_TIMEOUT_MS) return reject(new Error(`nothing listened on port ${port} within ${START_TIMEOUT_MS / 1000} s`));
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve();
      });
      socket.once("error", () => setTimeout(attempt, 200));
    };
    attempt();
  });
}

function proxyRequest(port: number, req: http.IncomingMessage, res: http.ServerResponse): void {
  const upstream = http.request({ host: "127.0.0.1", port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
    answer.pipe(res);
  });
  upstream.on("error", (error) => {
    if (res.headersSent) return void res.destroy();
    res.statusCode = 502;
    res.setHeader("content-type", "text/plain");
    res.end(`the framework's dev server failed: ${error.message}\n`);
  });
  req.pipe(upstream);
}

function proxyUpgrade(port: number, req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
  const upstream = net.connect(port, "127.0.0.1", () => {
    const lines = [`${req.method ?? "GET"} ${req.url ?? "/"} HTTP/${req.httpVersion}`];
    for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
    upstream.write(`${lines.join("\r\n")}\r\n\r\n`);
    if (head.length > 0) upstream.write(head);
    upstream.pipe(socket);
    socket.pipe(upstream);
  });
  const end = (): void => {
    upstream.destroy();
    socket.destroy();
  };
  upstream.on("error", end);
  socket.on("error", end);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve();
  const pid = child.pid;
  return new Promise((resolve) => {
    const killed = setTimeout(() => signalGroup(pid, "SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(killed);
      resolve();
    });
    signalGroup(pid, "SIGTERM");
  });
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}
