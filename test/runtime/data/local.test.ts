/**
 * The data contract on the embedded backend of the local instance (dynalite
 * persisted in a folder, data.on delivered in-process), plus persistence.
 */
import { startLocalHarness } from "../../support/data";
import { dataContract } from "./contract";

describe("data on the embedded backend", () => {
  dataContract(startLocalHarness);
});

import { configureData, data } from "../../../src/runtime/data";
import { tempDir } from "../../support/data";

describe("embedded data persistence", () => {
  test("a restarted instance on the same folder keeps its items and label indexes", async () => {
    const dir = tempDir("iac-persist-");
    const first = await startLocalHarness(dir);
    configureData(first.backend);
    await data.set("todo:1", { title: "keep me" }, { label1: "status:open" });
    await first.close();
    const second = await startLocalHarness(dir);
    configureData(second.backend);
    try {
      expect(await data.get("todo:1")).toEqual({ title: "keep me" });
      expect((await data.getByLabel("label1", "status:open")).items.map((i) => i.key)).toEqual(["todo:1"]);
    } finally {
      configureData(undefined);
      await second.close();
    }
  });
});
