/**
 * The `iac dev` dashboard: one page, eight panels, live over one stream of
 * server-sent events. The panel and its arguments live in the URL's hash
 * (`#/logs?trace=12`), so a trace, a log line or an item can be linked to
 * and the browser's back button works. Built by scripts/build.js into
 * dist/dashboard (no CDN: it works offline).
 */
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { call, onConnection, on, token } from "./api";
import { ArchitecturePanel } from "./panels/architecture";
import { DataPanel } from "./panels/data";
import { LogsPanel } from "./panels/logs";
import { OpsPanel } from "./panels/ops";
import { ParamsPanel } from "./panels/params";
import { RoutesPanel } from "./panels/routes";
import { StoragePanel } from "./panels/storage";
import { TracesPanel } from "./panels/traces";
import { go, PANELS, readRoute, type Route } from "./nav";
import type { Overview } from "./types";
import { appDirRef } from "./ui";

function App() {
  const [route, setRoute] = useState(readRoute);
  const [overview, setOverview] = useState<Overview>();
  const [error, setError] = useState<string>();
  const [live, setLive] = useState(false);
  useEffect(() => {
    const onHash = () => setRoute(readRoute());
    window.addEventListener("hashchange", onHash);
    return () => window.removeEventListener("hashchange", onHash);
  }, []);
  useEffect(() => {
    if (!token) return;
    const load = () =>
      call<Overview>("overview").then(
        (o) => {
          appDirRef.current = o.appDir;
          setOverview(o);
          setError(undefined);
        },
        (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
      );
    void load();
    // A lost stream may be a restarted iac dev, whose token is another: the overview's 401 then shows the gate.
    const offs = [
      on("reload", load),
      on("analysis", load),
      onConnection((open) => {
        setLive(open);
        if (!open) void load();
      }),
    ];
    return () => offs.forEach((off) => off());
  }, []);
  useEffect(() => {
    const title = PANELS.find((p) => p.id === route.panel)?.title ?? "";
    document.title = `${title} · ${overview?.app ?? "iac dev"}`;
  }, [route.panel, overview?.app]);

  if (!token || (error && /token/.test(error))) {
    return (
      <main class="gate">
        <h1>iac dev dashboard</h1>
        <p>This page needs the address `iac dev` printed in the terminal: it carries this run's token (`/_iac/dashboard?token=…`).</p>
        {error && <p class="error">{error}</p>}
      </main>
    );
  }
  const onTabKey = (e: KeyboardEvent, index: number) => {
    const step = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
    if (step === 0) return;
    e.preventDefault();
    const next = PANELS[(index + step + PANELS.length) % PANELS.length];
    go(next.id);
    document.getElementById(`tab-${next.id}`)?.focus();
  };
  return (
    <>
      <header class="top">
        <h1>
          <span class="brand">iac dev</span> {overview ? `${overview.app} · stage ${overview.stage} · version ${overview.version}` : "…"}
        </h1>
        <div class="status">
          {overview && (
            <a href={overview.url} target="_blank" rel="noreferrer">
              {overview.url}
            </a>
          )}
          <span class={`dot ${live ? "on" : "off"}`} role="status" aria-live="polite">
            {live ? "live" : "reconnecting…"}
          </span>
          {overview && overview.analysis.state === "done" && (
            <span class={overview.analysis.errors > 0 ? "badge bad" : "badge good"}>
              {overview.analysis.errors} errors · {overview.analysis.warnings} warnings
            </span>
          )}
        </div>
      </header>
      <nav role="tablist" aria-label="Panels" class="tabs">
        {PANELS.map((p, i) => (
          <a
            id={`tab-${p.id}`}
            role="tab"
            href={`#/${p.id}`}
            aria-selected={route.panel === p.id}
            aria-controls="panel"
            tabIndex={route.panel === p.id ? 0 : -1}
            onKeyDown={(e) => onTabKey(e, i)}
            class={route.panel === p.id ? "tab current" : "tab"}
          >
            {p.title}
          </a>
        ))}
      </nav>
      <main class="panel">
        <div id="panel" role="tabpanel" aria-labelledby={`tab-${route.panel}`} class="tabpanel">
          {error && <p class="error">{error}</p>}
          <Panel route={route} overview={overview} />
        </div>
      </main>
    </>
  );
}

function Panel({ route, overview }: { route: Route; overview?: Overview }) {
  switch (route.panel) {
    case "routes":
      return <RoutesPanel args={route.args} overview={overview} />;
    case "traces":
      return <TracesPanel args={route.args} />;
    case "logs":
      return <LogsPanel args={route.args} />;
    case "data":
      return <DataPanel args={route.args} />;
    case "storage":
      return <StoragePanel args={route.args} />;
    case "ops":
      return <OpsPanel />;
    case "params":
      return <ParamsPanel />;
    case "architecture":
      return <ArchitecturePanel args={route.args} />;
  }
}

render(<App />, document.getElementById("app") ?? document.body);
