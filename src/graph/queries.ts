/**
 * Questions every phase asks of a graph, answered once: which usages a
 * function carries (its own handlers' plus APP_HANDLER's: module top level
 * runs in every function), and which function runs a handler. synth (IAM,
 * params), `iac why`, `iac diff` and the graph renderer all ask them.
 */
import { APP_HANDLER, type AppGraph, type FunctionPlan, type Usage } from "./types";

/** Does `fn` run the code a usage by `handler` was found in? */
export function carries(fn: Pick<FunctionPlan, "handlers">, handler: string): boolean {
  return handler === APP_HANDLER || fn.handlers.includes(handler);
}

/** The usages a function carries, in graph order. */
export function usagesOf(graph: Pick<AppGraph, "usages">, fn: Pick<FunctionPlan, "handlers">): Usage[] {
  const handlers = new Set([...fn.handlers, APP_HANDLER]);
  return graph.usages.filter((u) => handlers.has(u.handler));
}

/** The function a handler runs in (none for APP_HANDLER, which runs in all of them). */
export function functionOf(graph: Pick<AppGraph, "functions">, handlerId: string): FunctionPlan | undefined {
  return graph.functions.find((f) => f.handlers.includes(handlerId));
}
