// Seeding an ephemeral stage's table from data.json, through the runtime's
// data API, against dynalite (a DynamoDB protocol server standing in for the
// deployed table, created with the deployed key schema).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { seedStage } from "../../src/deploy";
import { createDataApi } from "../../src/runtime/data/api";
import { createDynamoBackend } from "../../src/runtime/data/dynamo";
import { localDynamoClient, startLocalDynamo } from "../../src/runtime/data/local";

test("seeds data.json into the stage's table, leaving existing keys alone; no data.json, no seeding", async () => {
  const server = await startLocalDynamo(undefined, "todo-dev-alice-table");
  const app = fs.mkdtempSync(path.join(os.tmpdir(), "iac-seed-"));
  try {
    const client = localDynamoClient(server.endpoint);
    expect(await seedStage({ appDir: app, table: "todo-dev-alice-table", client })).toBeUndefined();
    fs.writeFileSync(
      path.join(app, "data.json"),
      JSON.stringify([
        { key: "todo:1", value: { title: "seeded" }, label1: "status:open" },
        { key: "todo:2", value: { title: "kept" } },
      ]),
    );
    const data = createDataApi(() => createDynamoBackend({ table: "todo-dev-alice-table", client }));
    await data.set("todo:2", { title: "already there" });
    const result = await seedStage({ appDir: app, table: "todo-dev-alice-table", client });
    expect(result).toEqual({ items: 1, file: path.join(app, "data.json") });
    expect(await data.get("todo:1")).toEqual({ title: "seeded" });
    expect(await data.get("todo:2")).toEqual({ title: "already there" });
    expect((await data.getByLabel("label1", "status:open")).items.map((i) => i.key)).toEqual(["todo:1"]);
  } finally {
    await server.close();
    fs.rmSync(app, { recursive: true, force: true });
  }
});
