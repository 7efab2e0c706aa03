// Planted faults for the fuzz harness's own test (fuzz.test.ts): each export
// is called like `analyzeApp(dir)`; the harness must report every one that
// misbehaves, or the corpus could pass while the analyzer crashes.
"use strict";
const fs = require("fs");
const path = require("path");

const clean = () => ({ graph: { handlers: [] }, diagnostics: [] });

module.exports = {
  clean,
  located: () => ({
    graph: { handlers: [] },
    diagnostics: [{ code: "IAC8002", severity: "error", message: "syntax error", location: { file: "index.ts", line: 1, column: 1 } }],
  }),
  throws: () => {
    throw new TypeError("planted: Cannot read properties of undefined");
  },
  overflows: () => {
    const down = (n) => down(n + 1) + 1;
    return down(0);
  },
  hangs: () => {
    for (;;);
  },
  blocksOnFifo: (dir) => fs.readFileSync(path.join(dir, "pipe")),
  exits: () => process.exit(3),
  unlocated: () => ({ graph: { handlers: [] }, diagnostics: [{ code: "IAC8001", severity: "error", message: "entry not found" }] }),
  badCode: () => ({
    graph: { handlers: [] },
    diagnostics: [{ code: "oops", severity: "error", message: "x", location: { file: "index.ts", line: 1, column: 1 } }],
  }),
  pastEnd: () => ({
    graph: { handlers: [] },
    diagnostics: [{ code: "IAC8002", severity: "error", message: "x", location: { file: "index.ts", line: 99, column: 1 } }],
  }),
  leaks: () => ({
    graph: { handlers: [] },
    diagnostics: [{ code: "IAC8001", severity: "error", message: `read ${process.env.PATH}`, location: { file: "index.ts", line: 1, column: 1 } }],
  }),
  ghostFile: () => ({
    graph: { handlers: [] },
    diagnostics: [{ code: "IAC8007", severity: "error", message: "x", location: { file: "nowhere.ts", line: 1, column: 1 } }],
  }),
};
