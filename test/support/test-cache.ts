/**
 * Where the test run keeps what it installs or caches between runs (Node 22,
 * the framework apps' installs, the spawned CLIs' V8 caches): `.test-cache/`
 * in the repository, ignored by git, never inside node_modules.
 */
import * as path from "path";

export const TEST_CACHE_ROOT = path.resolve(__dirname, "..", "..", ".test-cache");

/** The V8 caches of the CLIs the tests run (`IAC_CACHE_DIR`, set by the global setup). */
export const TEST_CACHE_DIR = path.join(TEST_CACHE_ROOT, "iac");
