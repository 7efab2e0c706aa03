/**
 * Schedules and events: each schedule with its source and next run, run
 * now; publish an event with a JSON body; the listeners and the deliveries
 * still pending (delayed publishes). Live: runs and deliveries refresh it.
 */
import { useEffect, useState } from "preact/hooks";
import { call, on } from "../api";
import { go } from "../nav";
import type { SourceLocation } from "../types";
import { ago, debounce, ErrorLine, Loc, message } from "../ui";

interface Schedule {
  expression: string;
  next: number | null;
  handlers: { id: string; source: string; location: SourceLocation }[];
}

interface Events {
  names: string[];
  listeners: { id: string; name: string; location: SourceLocation }[];
  pending: { id: string; name: string; body: unknown; due: number }[];
}

export function OpsPanel() {
  const [schedules, setSchedules] = useState<Schedule[]>([]);
  const [events, setEvents] = useState<Events>();
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [name, setName] = useState("");
  const [body, setBody] = useState("{}");
  const [, tick] = useState(0);
  const load = () => {
    call<{ schedules: Schedule[] }>("schedules").then(
      (a) => setSchedules(a.schedules),
      (e: unknown) => setError(message(e)),
    );
    call<Events>("events").then(setEvents, (e: unknown) => setError(message(e)));
  };
  useEffect(() => {
    load();
    const refresh = debounce(load, 200);
    const offs = [on("events", refresh), on("trace", refresh), on("reload", refresh)];
    const clock = window.setInterval(() => tick((n) => n + 1), 1000);
    return () => {
      offs.forEach((off) => off());
      clearInterval(clock);
    };
  }, []);
  const run = async (expression: string) => {
    try {
      await call("schedules/run", { method: "POST", body: { expression } });
      setNotice(`ran ${expression}`);
      setError(undefined);
    } catch (e) {
      setError(message(e));
    }
  };
  let parseError: string | undefined;
  try {
    JSON.parse(body);
  } catch (e) {
    parseError = message(e);
  }
  const publish = async () => {
    try {
      const answer = await call<{ id: string }>("events/publish", { method: "POST", body: { name, body: JSON.parse(body) } });
      setNotice(`published ${name} (${answer.id})`);
      setError(undefined);
    } catch (e) {
      setError(message(e));
    }
  };
  return (
    <section aria-labelledby="ops-title" class="column">
      <h2 id="ops-title">Schedules & events</h2>
      <ErrorLine error={error} />
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <h3>Schedules</h3>
      {schedules.length === 0 ? (
        <p class="muted">The app registers no schedule.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">expression</th>
              <th scope="col">written as</th>
              <th scope="col">next run</th>
              <th scope="col">
                <span class="sr-only">actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {schedules.map((s) => (
              <tr key={s.expression}>
                <td>
                  <code>{s.expression}</code>
                </td>
                <td>
                  {s.handlers.map((h) => (
                    <div key={h.id}>
                      {h.source} at <Loc at={h.location} />
                    </div>
                  ))}
                </td>
                <td>{s.next ? `${new Date(s.next).toLocaleString()} (${ago(s.next)})` : "no run left"}</td>
                <td>
                  <button type="button" onClick={() => void run(s.expression)}>
                    Run now<span class="sr-only"> {s.expression}</span>
                  </button>{" "}
                  <button type="button" class="link" onClick={() => go("traces", { label: `schedule ${s.expression}` })}>
                    runs
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Publish an event</h3>
      <form
        class="form narrow"
        onSubmit={(e) => {
          e.preventDefault();
          void publish();
        }}
      >
        <label>
          Name <input value={name} list="event-names" onInput={(e) => setName(e.currentTarget.value)} placeholder="todo.created" required />
        </label>
        <datalist id="event-names">
          {events?.names.map((n) => (
            <option key={n} value={n} />
          ))}
        </datalist>
        <label>
          Body (JSON) <textarea class="mono" rows={5} value={body} onInput={(e) => setBody(e.currentTarget.value)} aria-invalid={parseError !== undefined} />
        </label>
        {parseError && <p class="error">{parseError}</p>}
        <button type="submit" disabled={parseError !== undefined || name.trim() === ""}>
          Publish
        </button>
      </form>
      <h3>Listeners</h3>
      {events && events.listeners.length === 0 && <p class="muted">No events.on listener.</p>}
      <ul class="plain">
        {events?.listeners.map((l) => (
          <li key={l.id}>
            <code>{l.name}</code> at <Loc at={l.location} />
          </li>
        ))}
      </ul>
      <h3>Pending deliveries</h3>
      {events && events.pending.length === 0 ? (
        <p class="muted">Nothing pending.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">event</th>
              <th scope="col">due</th>
              <th scope="col">body</th>
            </tr>
          </thead>
          <tbody>
            {events?.pending.map((p) => (
              <tr key={p.id}>
                <td>{p.name}</td>
                <td>
                  {new Date(p.due).toLocaleString()} ({ago(p.due)})
                </td>
                <td>
                  <code class="clip">{JSON.stringify(p.body)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
