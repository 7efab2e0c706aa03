/**
 * Routes: every route the analysis found, with its source location (until
 * it answers, or with `iac dev --no-analysis`, the routes the running app
 * registered, without locations), and a
 * "try it" form that sends a real request to the app (method, path
 * parameters, query, headers, a JSON, form or file body) and shows the
 * status, headers, body and time, with a link to the request's trace.
 */
import { useEffect, useState } from "preact/hooks";
import { call, on } from "../api";
import { go } from "../nav";
import type { Overview, SourceLocation, TraceSummary } from "../types";
import { ErrorLine, Loc, message } from "../ui";

interface RouteInfo {
  id: string;
  method: string;
  path: string;
  upload: boolean;
  timeoutMs?: number;
  /** Absent when the list comes from the running app rather than the analysis. */
  location?: SourceLocation;
}

interface RoutesAnswer {
  state: string;
  source: "analysis" | "runtime";
  routes: RouteInfo[];
  mount: { framework: string; location: SourceLocation } | null;
}

export function RoutesPanel({ args, overview }: { args: URLSearchParams; overview?: Overview }) {
  const [answer, setAnswer] = useState<RoutesAnswer>();
  const [filter, setFilter] = useState("");
  const [error, setError] = useState<string>();
  const selected = args.get("route");
  useEffect(() => {
    const load = () => call<RoutesAnswer>("routes").then(setAnswer, (e: unknown) => setError(message(e)));
    void load();
    // A reload can change the routes the app registered; an analysis, their locations.
    const offs = [on("analysis", load), on("reload", load)];
    return () => offs.forEach((off) => off());
  }, []);
  const routes = (answer?.routes ?? []).filter((r) => !filter || `${r.method} ${r.path}`.toLowerCase().includes(filter.toLowerCase()));
  const route = answer?.routes.find((r) => r.id === selected);
  return (
    <section aria-labelledby="routes-title" class="split">
      <div class="column">
        <h2 id="routes-title">Routes</h2>
        <div class="toolbar">
          <label>
            Filter <input type="search" value={filter} onInput={(e) => setFilter(e.currentTarget.value)} placeholder="/todos" />
          </label>
          <span class="muted">{answer ? `${routes.length} of ${answer.routes.length}` : "…"}</span>
        </div>
        <ErrorLine error={error} />
        {answer?.source === "runtime" && answer.state === "off" && (
          <p class="muted">The routes the app registered. Their source locations come from the analysis, which is off (iac dev --no-analysis).</p>
        )}
        {answer?.source === "runtime" && answer.state === "pending" && (
          <p class="muted">The routes the app registered; the first analysis, which adds their source locations, is running…</p>
        )}
        {answer?.mount && (
          <p>
            A mounted {answer.mount.framework} app at <Loc at={answer.mount.location} /> serves the paths no route takes.
          </p>
        )}
        <ul class="rows" aria-label="Routes">
          {routes.map((r) => (
            <li key={r.id}>
              <button
                type="button"
                class={`row ${r.id === selected ? "selected" : ""}`}
                aria-current={r.id === selected}
                onClick={() => go("routes", { route: r.id })}
              >
                <span class={`method ${r.method}`}>{r.method}</span>
                <span class="grow">{r.path}</span>
                {r.location && (
                  <span class="muted">
                    {r.location.file}:{r.location.line}
                  </span>
                )}
              </button>
            </li>
          ))}
        </ul>
      </div>
      {route && <TryIt key={route.id} route={route} baseUrl={overview?.url ?? location.origin} />}
    </section>
  );
}

interface Result {
  status: number;
  statusText: string;
  ms: number;
  headers: [string, string][];
  body: string;
  trace?: number;
}

function TryIt({ route, baseUrl }: { route: RouteInfo; baseUrl: string }) {
  const names = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
  const [method, setMethod] = useState(route.method === "ALL" ? "GET" : route.method);
  const [values, setValues] = useState<Record<string, string>>({});
  const [query, setQuery] = useState("");
  const [headers, setHeaders] = useState("");
  const [kind, setKind] = useState<"none" | "json" | "form" | "file">(
    route.upload ? "file" : route.method === "GET" || route.method === "DELETE" ? "none" : "json",
  );
  const [body, setBody] = useState("{}");
  const [file, setFile] = useState<File>();
  const [result, setResult] = useState<Result>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const path = route.path.replace(/:(\w+)/g, (_, n: string) => encodeURIComponent(values[n] ?? "")).replace(/\*$/, values["*"] ?? "");
  const url = `${path}${query.trim() ? `?${query.trim().replace(/^\?/, "")}` : ""}`;

  const send = async () => {
    setBusy(true);
    setError(undefined);
    const init: RequestInit = { method, headers: {} };
    const h = init.headers as Record<string, string>;
    for (const line of headers.split("\n")) {
      const i = line.indexOf(":");
      if (i > 0) h[line.slice(0, i).trim()] = line.slice(i + 1).trim();
    }
    if (kind === "json") {
      h["content-type"] ??= "application/json";
      init.body = body;
    } else if (kind === "form") {
      h["content-type"] ??= "application/x-www-form-urlencoded";
      init.body = body;
    } else if (kind === "file" && file) {
      const form = new FormData();
      form.append("file", file);
      init.body = form;
    }
    const started = performance.now();
    const sentAt = Date.now();
    try {
      const res = await fetch(url, init);
      const text = await res.text();
      const ms = performance.now() - started;
      let shown = text;
      try {
        shown = JSON.stringify(JSON.parse(text), null, 2);
      } catch {
        // not JSON: shown as it came
      }
      const label = `${method} ${path}`;
      const recent = await call<{ traces: TraceSummary[] }>("traces?kind=request&limit=50").catch(() => ({ traces: [] }));
      const trace = recent.traces.find((t) => t.label === label && t.started >= sentAt - 5);
      setResult({ status: res.status, statusText: res.statusText, ms, headers: [...res.headers.entries()], body: shown, trace: trace?.id });
    } catch (e) {
      setError(message(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <article class="detail" aria-labelledby="try-title">
      <h3 id="try-title">
        Try {route.method} {route.path}
      </h3>
      {(route.location || route.timeoutMs !== undefined) && (
        <p>
          {route.location && (
            <>
              Registered at <Loc at={route.location} />
            </>
          )}
          {route.timeoutMs !== undefined && `${route.location ? " · " : ""}timeout ${route.timeoutMs} ms`}
        </p>
      )}
      <form
        class="form"
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <label>
          Method{" "}
          <select value={method} onChange={(e) => setMethod(e.currentTarget.value)}>
            {["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"].map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </label>
        {names.map((n) => (
          <label key={n}>
            :{n} <input value={values[n] ?? ""} onInput={(e) => setValues({ ...values, [n]: e.currentTarget.value })} required />
          </label>
        ))}
        {route.path.endsWith("*") && (
          <label>
            * <input value={values["*"] ?? ""} onInput={(e) => setValues({ ...values, "*": e.currentTarget.value })} />
          </label>
        )}
        <label>
          Query <input value={query} onInput={(e) => setQuery(e.currentTarget.value)} placeholder="status=all&limit=10" />
        </label>
        <label>
          Headers (one per line) <textarea rows={2} value={headers} onInput={(e) => setHeaders(e.currentTarget.value)} placeholder="x-api-key: abc" />
        </label>
        <fieldset class="inline">
          <legend>Body</legend>
          {(["none", "json", "form", "file"] as const).map((k) => (
            <label key={k}>
              <input type="radio" name="body-kind" checked={kind === k} onChange={() => setKind(k)} /> {k}
            </label>
          ))}
        </fieldset>
        {(kind === "json" || kind === "form") && (
          <label>
            {kind === "json" ? "JSON body" : "Form body (a=1&b=2)"}
            <textarea rows={6} value={body} onInput={(e) => setBody(e.currentTarget.value)} class="mono" />
          </label>
        )}
        {kind === "file" && (
          <label>
            File <input type="file" onChange={(e) => setFile(e.currentTarget.files?.[0])} />
          </label>
        )}
        <p class="muted">
          {method} {baseUrl}
          {url}
        </p>
        <button type="submit" disabled={busy}>
          {busy ? "Sending…" : "Send"}
        </button>
      </form>
      <ErrorLine error={error} />
      {result && (
        <div class="result" aria-live="polite" data-testid="try-result">
          <p>
            <strong class={result.status >= 500 ? "bad" : result.status >= 400 ? "warn" : "good"}>
              {result.status} {result.statusText}
            </strong>{" "}
            in {result.ms.toFixed(1)} ms
            {result.trace !== undefined && (
              <>
                {" · "}
                <button type="button" class="link" onClick={() => go("traces", { id: result.trace ?? 0 })}>
                  trace #{result.trace}
                </button>
              </>
            )}
          </p>
          <details>
            <summary>Headers ({result.headers.length})</summary>
            <table>
              <tbody>
                {result.headers.map(([k, v]) => (
                  <tr key={k}>
                    <th scope="row">{k}</th>
                    <td>{v}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
          <pre class="body" tabIndex={0} aria-label="Response body">
            {result.body}
          </pre>
        </div>
      )}
    </article>
  );
}
