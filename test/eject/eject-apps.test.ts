/**
 * iac eject on every test-matrix app (test/apps): the ejected CDK app
 * type-checks, synthesizes offline, and has no resource or output changes
 * against `iac build`'s template for the same stage.
 */
import { defineEjectSuite, listApps } from "./support";

defineEjectSuite(listApps("test/apps"));
