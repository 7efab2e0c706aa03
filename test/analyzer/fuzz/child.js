// One worker of the fuzz pool (pool.ts): a plain Node process, so its stack
// and heap are the CLI's and a hang (even one blocked in a system call, as
// a read of a FIFO is) ends with a SIGKILL from the pool.
//
//   child.js <module>   then messages { id, dir, fn } → { id, ok, ... }
//
// `fn` names the export of <module> to call with the app directory: the
// analyzer's `analyzeApp`, or a planted fault in the harness's own test.
"use strict";
const mod = require(process.argv[2]);

process.on("message", (msg) => {
  const start = process.hrtime.bigint();
  let reply;
  try {
    const result = mod[msg.fn](msg.dir);
    // What the CLI prints with --format json must survive JSON.
    const json = JSON.parse(JSON.stringify(result));
    const graph = json && json.graph;
    reply = {
      id: msg.id,
      ok: true,
      diagnostics: json && Array.isArray(json.diagnostics) ? json.diagnostics : undefined,
      handlers: graph && Array.isArray(graph.handlers) ? graph.handlers.length : 0,
    };
  } catch (error) {
    reply = { id: msg.id, ok: false, error: String((error && error.stack) || error).slice(0, 4000) };
  }
  reply.ms = Number(process.hrtime.bigint() - start) / 1e6;
  process.send(reply);
});
process.send({ ready: true });
