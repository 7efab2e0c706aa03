/**
 * Jest's worker pool sets FORCE_COLOR=1 in each worker when the terminal it
 * runs in has colour. The CLIs the tests spawn inherit the worker's
 * environment, and FORCE_COLOR wins over the NO_COLOR=1 the tests pass (as
 * in Node itself), so their output would depend on where the suite runs.
 */
delete process.env.FORCE_COLOR;
