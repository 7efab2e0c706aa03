/**
 * The data contract on the DynamoDB backend as deployed, against dynalite;
 * data.on is fed through dispatchDataStream with stream records.
 */
import { startDynamoHarness } from "../../support/data";
import { dataContract } from "./contract";

describe("data on DynamoDB (dynalite)", () => {
  dataContract(startDynamoHarness);
});
