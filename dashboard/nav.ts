/** The panels and the hash route (`#/logs?trace=12`) that says which is open, with its arguments. */
export const PANELS = [
  { id: "routes", title: "Routes" },
  { id: "traces", title: "Traces" },
  { id: "logs", title: "Logs" },
  { id: "data", title: "Data" },
  { id: "storage", title: "Storage" },
  { id: "ops", title: "Schedules & events" },
  { id: "params", title: "Params" },
  { id: "architecture", title: "Architecture" },
] as const;

export type PanelId = (typeof PANELS)[number]["id"];

export interface Route {
  panel: PanelId;
  args: URLSearchParams;
}

export function readRoute(): Route {
  const [path, query] = location.hash.replace(/^#\/?/, "").split("?");
  const panel = PANELS.find((p) => p.id === path)?.id ?? "routes";
  return { panel, args: new URLSearchParams(query ?? "") };
}

/** Opens `panel` with `args` (a new history entry). */
export function go(panel: PanelId, args: Record<string, string | number> = {}): void {
  const query = new URLSearchParams(Object.entries(args).map(([k, v]) => [k, String(v)])).toString();
  location.hash = `#/${panel}${query ? `?${query}` : ""}`;
}
