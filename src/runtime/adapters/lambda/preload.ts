/**
 * The first module a Lambda bundle evaluates (synth's generated entry
 * imports it before the runtime and the app): it starts loading the stage's
 * params, so the SSM round trip overlaps the evaluation of everything else.
 * Imported only by that entry; `prepareLambda` awaits the load.
 */
import { beginParamsLoad } from "./setup";

beginParamsLoad();
