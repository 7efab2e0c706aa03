/**
 * Params: the local stage's params, where each comes from (params.json,
 * the environment, reserved) and whether the app reads it; secrets are
 * masked by the server. Set and unset write `.iac/<stage>/params.json`, as
 * `iac params set --local` does, and the app reloads to see them.
 */
import { useEffect, useState } from "preact/hooks";
import { call } from "../api";
import { ErrorLine, message } from "../ui";

interface Param {
  name: string;
  source: string;
  secret: boolean;
  masked: boolean;
  value: string | null;
  readByApp: boolean;
  editable: boolean;
}

export function ParamsPanel() {
  const [params, setParams] = useState<Param[]>([]);
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [name, setName] = useState("");
  const [value, setValue] = useState("");
  const [secret, setSecret] = useState(false);
  const load = () =>
    call<{ params: Param[] }>("params").then(
      (a) => setParams(a.params),
      (e: unknown) => setError(message(e)),
    );
  useEffect(() => void load(), []);
  const set = async () => {
    try {
      await call("params", { method: "PUT", body: { name, value, secret } });
      setNotice(`set ${name}; the app reloaded`);
      setError(undefined);
      setValue("");
      void load();
    } catch (e) {
      setError(message(e));
    }
  };
  const unset = async (param: string) => {
    try {
      await call(`params/${encodeURIComponent(param)}`, { method: "DELETE" });
      setNotice(`unset ${param}; the app reloaded`);
      void load();
    } catch (e) {
      setError(message(e));
    }
  };
  return (
    <section aria-labelledby="params-title" class="column">
      <h2 id="params-title">Params</h2>
      <ErrorLine error={error} />
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <table>
        <thead>
          <tr>
            <th scope="col">name</th>
            <th scope="col">value</th>
            <th scope="col">from</th>
            <th scope="col">read by the app</th>
            <th scope="col">
              <span class="sr-only">actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {params.map((p) => (
            <tr key={p.name}>
              <th scope="row">
                <code>{p.name}</code>
              </th>
              <td>
                {p.masked ? (
                  <span class="muted">•••••• {p.secret ? "(secret)" : "(hidden)"}</span>
                ) : p.value === null ? (
                  <span class="muted">not set</span>
                ) : (
                  <code>{p.value}</code>
                )}
              </td>
              <td>{p.source}</td>
              <td>{p.readByApp ? "yes" : ""}</td>
              <td>
                {p.editable && (
                  <button
                    type="button"
                    onClick={() => {
                      setName(p.name);
                      setSecret(p.secret);
                      document.getElementById("param-value")?.focus();
                    }}
                  >
                    Edit<span class="sr-only"> {p.name}</span>
                  </button>
                )}{" "}
                {p.editable && p.source === "params.json" && (
                  <button type="button" class="danger" onClick={() => void unset(p.name)}>
                    Unset<span class="sr-only"> {p.name}</span>
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Set a param</h3>
      <form
        class="form narrow"
        onSubmit={(e) => {
          e.preventDefault();
          void set();
        }}
      >
        <label>
          Name <input value={name} onInput={(e) => setName(e.currentTarget.value)} placeholder="API_KEY" required pattern="[A-Za-z_][A-Za-z0-9_]*" />
        </label>
        <label>
          Value{" "}
          {secret ? (
            <input id="param-value" type="password" value={value} onInput={(e) => setValue(e.currentTarget.value)} autoComplete="off" />
          ) : (
            <input id="param-value" type="text" value={value} onInput={(e) => setValue(e.currentTarget.value)} autoComplete="off" />
          )}
        </label>
        <label>
          <input type="checkbox" checked={secret} onChange={(e) => setSecret(e.currentTarget.checked)} /> secret (never shown again)
        </label>
        <button type="submit">Set</button>
      </form>
    </section>
  );
}
