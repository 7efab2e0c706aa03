/**
 * A free TCP port, found synchronously. Node binds only asynchronously, so
 * a worker thread binds port 0 on `host`, closes the socket and reports the
 * port through shared memory while this thread blocks in `Atomics.wait`.
 * `iac test` needs the port before anything can be awaited: a test file's
 * top level may read `params.CLOUD_URL`, and it runs before any `beforeAll`.
 *
 * The port is free when this returns, not reserved: another socket may take
 * it before the caller listens, so the caller handles EADDRINUSE.
 */
import { Worker } from "worker_threads";

/** The worker's code: state[0] turns 1 when done; state[1] is the port, or -1 on failure. */
const PROBE = `
const { workerData } = require("worker_threads");
const net = require("net");
const state = new Int32Array(workerData.shared);
function finish(port) {
  Atomics.store(state, 1, port);
  Atomics.store(state, 0, 1);
  Atomics.notify(state, 0);
}
const server = net.createServer();
server.once("error", () => finish(-1));
server.listen(0, workerData.host, () => {
  const port = server.address().port;
  // Reported once closed, so the port is free when the caller reads it.
  server.close(() => finish(port));
});
`;

const TIMEOUT_MS = 10_000;

export function freePortSync(host: string): number {
  const shared = new SharedArrayBuffer(8);
  const state = new Int32Array(shared);
  const worker = new Worker(PROBE, { eval: true, workerData: { shared, host } });
  worker.unref();
  // A worker that fails to start never reports: the wait below times out and says so.
  worker.on("error", () => undefined);
  const outcome = Atomics.wait(state, 0, 0, TIMEOUT_MS);
  const port = Atomics.load(state, 1);
  if (outcome === "timed-out") void worker.terminate();
  if (outcome === "timed-out" || port <= 0) {
    throw new Error(`iac test: found no free port on ${host} for the test instance's server${outcome === "timed-out" ? ` within ${TIMEOUT_MS} ms` : ""}`);
  }
  return port;
}
