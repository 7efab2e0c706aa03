// A small media library. Everything is registered by setup() in src/, the
// way larger apps split their entry; the entry keeps only app-wide settings.
import { logs } from "iac";
import { setup } from "./src/setup";

logs.retain(30, "days");

setup();
