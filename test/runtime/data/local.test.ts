/**
 * The data contract on the embedded backend of the local instance (dynalite
 * persisted in a folder, data.on delivered in-process), plus persistence.
 */
import { startLocalHarness } from "../../support/data";
import { dataContract } from "./contract";

describe("data on the embedded backend", () => {
  dataContract(startLocalHarness);
});
