/**
 * The conformance app: a temp folder holding the statements (copied from
 * ../statements, the suite's one source), an entry, `static/`, `assets/`,
 * `data.json` and the local stage's params, as an app's developer would
 * lay them out. `iac test` runs its `__tests__` (one file per area); the
 * embedded path serves its folders and reads its params as `iac dev` does.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { FIXTURE } from "../statements/fixture";
import { AREAS } from "../statements";
import { STATIC_FILES } from "../statements/static";

export const STATEMENTS_DIR = path.join(__dirname, "..", "statements");

/** The variable each area module exports its `Area` as. */
const AREA_EXPORTS: Record<string, string> = {
  sdk: "sdkArea",
  data: "dataArea",
  storage: "storageArea",
  events: "eventsArea",
  schedule: "scheduleArea",
  api: "apiArea",
  http: "httpArea",
  static: "staticArea",
  params: "paramsArea",
  testing: "testingArea",
};

const ENTRY = `import { api, type Request, type Response } from "iac";
// Read at load, as an app's modules do (params.at-load); awaited at load (sdk.top-level-await).
import { atLoad } from "./conformance/params-at-load";
import { greeting, ready } from "./lib/awaited";

const loads = globalThis as { __conformanceEntryLoads?: number };
loads.__conformanceEntryLoads = (loads.__conformanceEntryLoads ?? 0) + 1;

api.get("/c/entry/hello", (_req: Request, res: Response) => res.json({ hello: "from the entry" }));
// What the modules read while they loaded (lambda-bundle.test.ts asks the deployed function).
api.get("/c/entry/at-load", (_req: Request, res: Response) => res.json({ atLoad, awaited: { ready, greeting } }));

export default api;
`;

const AWAITED = `import { params } from "iac";

export const ready = await new Promise<string>((resolve) => setTimeout(() => resolve("awaited at load"), 20));
export const greeting = params.GREETING;
`;

function testFile(area: string): string {
  const lines = [`import { runArea } from "../conformance/iac-test-runner";`, `import { ${AREA_EXPORTS[area]} } from "../conformance/${area}";`];
  if (area === "testing") {
    // The supertest style: the app imported at the test file's top level, params read there (testing.app-import).
    lines.push(
      `import "../index";`,
      `import { params } from "iac";`,
      "",
      "(globalThis as { __conformanceTopLevelGreeting?: string }).__conformanceTopLevelGreeting = params.GREETING;",
    );
  }
  lines.push("", `runArea(${AREA_EXPORTS[area]});`, "");
  return lines.join("\n");
}

export function writeConformanceApp(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iac-conformance-"));
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };
  write("package.json", `${JSON.stringify({ name: FIXTURE.packageName, private: true, main: "index.ts" }, null, 2)}\n`);
  write("index.ts", ENTRY);
  write("lib/awaited.ts", AWAITED);
  fs.cpSync(STATEMENTS_DIR, path.join(dir, "conformance"), { recursive: true });
  for (const [file, text] of Object.entries(STATIC_FILES)) write(path.join("static", file), text);
  write("assets/app.css", "body { color: teal }\n");
  write("data.json", `${JSON.stringify(FIXTURE.dataJson, null, 2)}\n`);
  write(`.iac/${FIXTURE.localStage}/params.json`, `${JSON.stringify({ ...FIXTURE.params, $secret: FIXTURE.secretParams }, null, 2)}\n`);
  for (const area of AREAS) {
    if (!AREA_EXPORTS[area.name]) throw new Error(`support/app.ts: no export name for area ${area.name}`);
    write(`__tests__/${area.name}.test.ts`, testFile(area.name));
  }
  return dir;
}
