/**
 * The storage contract on the S3 backend as deployed, against s3rver; its S3
 * event notifications feed dispatchStorageNotifications.
 */
import { startS3Harness } from "../../support/storage";
import { storageContract } from "./contract";

describe("storage on S3 (s3rver)", () => {
  storageContract(startS3Harness);
});
