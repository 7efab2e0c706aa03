/**
 * Params read at this module's load, outside any handler (docs/sdk.md,
 * params.at-load). Under `iac test` the app's entry imports it; the
 * in-process paths load it once the instance is configured, as Lambda's
 * init does before it evaluates the app.
 */
import { params } from "iac";

export const atLoad = {
  APP_NAME: params.APP_NAME,
  INSTANCE_NAME: params.INSTANCE_NAME,
  ORG_NAME: params.ORG_NAME,
  CLOUD_URL: params.CLOUD_URL,
  GREETING: params.GREETING,
  API_TOKEN: params.API_TOKEN,
  UNSET: params.CONFORMANCE_NEVER_SET,
};
