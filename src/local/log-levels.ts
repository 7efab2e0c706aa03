/**
 * The console levels the local instance records, in one place: the dev
 * logger captures them, the dashboard's log ring stores and filters by
 * them, and the dashboard page (which imports only plain types from here
 * and from the ring) shows them.
 */
export const LOG_LEVELS = ["log", "info", "warn", "error", "debug"] as const;

export type LogLevel = (typeof LOG_LEVELS)[number];
