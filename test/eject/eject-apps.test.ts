/**
 * iac eject on every test-matrix app (test/apps): the ejected CDK app
 * type-checks, synthesizes offline, and has no resource or output changes
 * against `iac build`'s template for the same stage.
 */
import * as fs from "fs";
import * as path from "path";
import { ejectAndCompare, listApps, ROOT, tempRoot, typeCheck } from "./support";

const root = tempRoot();
const apps = listApps("test/apps");
const ejected: string[] = [];

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

test.each(apps.map((a) => [path.relative(ROOT, a), a]))("%s: the ejected app's template has no resource changes against iac's", async (_name, app) => {
  const result = await ejectAndCompare(app, root);
  expect(result.failure).toBeUndefined();
  ejected.push(result.ejected.outDir);
  expect({ resourceChanges: result.resourceChanges, outputChanges: result.outputChanges }).toEqual({ resourceChanges: 0, outputChanges: 0 });
}, 180_000);

test("the ejected projects type-check with tsc", () => {
  expect(ejected.length).toBe(apps.length);
  const result = typeCheck(root, ejected);
  expect(result.output).toBe("");
  expect(result.status).toBe(0);
}, 300_000);
