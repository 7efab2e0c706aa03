/**
 * src/graph: the plain, versioned resource graph shared by every phase, and
 * pure helpers over it. Imports nothing else from src/.
 */
export * from "./types";
export * from "./diagnostics";
export * from "./limits";
export * from "./functions";
export * from "./slug";
export * from "./queries";
export * from "./schedule";
export * from "./durations";
export * from "./cron";
export * from "./normalize";
export * from "./validate";
export * from "./handlers";
export * from "./edit-distance";
