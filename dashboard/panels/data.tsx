/**
 * Data: items by key pattern (`todo:*`, `todo:>b`, `*` for the whole
 * table) or by label query, in a virtualised list that loads further pages
 * as it scrolls; an item opens in a JSON editor with its labels; add,
 * delete, import and export (`data.json`, through the control endpoint).
 * The list refreshes when the data changes.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { call, on } from "../api";
import { go } from "../nav";
import { type Item, LABELS } from "../types";
import { clock, debounce, ErrorLine, message, VirtualList } from "../ui";

interface Page {
  items: Item[];
  next: string | null;
  ms: number;
}

export function DataPanel({ args }: { args: URLSearchParams }) {
  const [pattern, setPattern] = useState(args.get("pattern") ?? "*");
  const [label, setLabel] = useState(args.get("label") ?? "");
  const [items, setItems] = useState<Item[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [ms, setMs] = useState<number>();
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const loading = useRef(false);
  const selected = args.get("key");
  const creating = args.get("new") === "1";
  const current = useRef({ pattern, label });
  current.current = { pattern, label };

  const url = (start?: string) => {
    const q = new URLSearchParams({ pattern: current.current.pattern, limit: "200" });
    if (current.current.label) q.set("label", current.current.label);
    if (start) q.set("start", start);
    return `data?${q}`;
  };
  const load = () => {
    loading.current = true;
    call<Page>(url())
      .then(
        (p) => {
          setItems(p.items);
          setNext(p.next);
          setMs(p.ms);
          setError(undefined);
        },
        (e: unknown) => setError(message(e)),
      )
      .finally(() => (loading.current = false));
  };
  const more = () => {
    if (!next || loading.current) return;
    loading.current = true;
    call<Page>(url(next))
      .then(
        (p) => {
          setItems((old) => old.concat(p.items));
          setNext(p.next);
        },
        (e: unknown) => setError(message(e)),
      )
      .finally(() => (loading.current = false));
  };
  useEffect(() => {
    load();
    return on("data", debounce(load, 300));
  }, []);

  const exportData = async () => {
    const items = await call<unknown[]>("/_iac/data");
    const blob = new Blob([JSON.stringify(items, null, 2)], { type: "application/json" });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = "data.json";
    a.click();
    URL.revokeObjectURL(a.href);
  };
  const importData = async (file: File | undefined, overwrite: boolean) => {
    if (!file) return;
    try {
      const body: unknown = JSON.parse(await file.text());
      const answer = await call<{ items: number }>(`/_iac/data?overwrite=${overwrite}`, { method: "POST", body });
      setNotice(`imported ${answer.items} item(s) from ${file.name}`);
      load();
    } catch (e) {
      setError(message(e));
    }
  };
  const importOverwrite = useRef<HTMLInputElement>(null);

  return (
    <section aria-labelledby="data-title" class="split">
      <div class="column">
        <h2 id="data-title">Data</h2>
        <form
          class="toolbar"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            load();
          }}
        >
          <label>
            Key pattern <input type="search" value={pattern} onInput={(e) => setPattern(e.currentTarget.value)} placeholder="todo:*" />
          </label>
          <label>
            Index{" "}
            <select value={label} onChange={(e) => setLabel(e.currentTarget.value)}>
              <option value="">keys</option>
              {LABELS.map((l) => (
                <option key={l}>{l}</option>
              ))}
            </select>
          </label>
          <button type="submit">Query</button>
          <button type="button" onClick={() => go("data", { new: 1 })}>
            Add item
          </button>
        </form>
        <div class="toolbar">
          <button type="button" onClick={() => void exportData().catch((e: unknown) => setError(message(e)))}>
            Export data.json
          </button>
          <label class="file">
            Import data.json{" "}
            <input
              type="file"
              accept="application/json,.json"
              onChange={(e) => void importData(e.currentTarget.files?.[0], importOverwrite.current?.checked ?? false)}
            />
          </label>
          <label>
            <input type="checkbox" ref={importOverwrite} /> overwrite existing keys
          </label>
        </div>
        <ErrorLine error={error} />
        {notice && (
          <p class="notice" role="status">
            {notice}
          </p>
        )}
        <p class="muted" data-testid="data-count">
          {items.length} item(s){next ? "+" : ""}
          {ms !== undefined && ` · first page in ${ms.toFixed(1)} ms`}
        </p>
        <VirtualList
          label="Items"
          items={items}
          rowHeight={30}
          onEnd={more}
          render={(item) => (
            <button
              type="button"
              class={`row ${item.key === selected ? "selected" : ""}`}
              aria-current={item.key === selected}
              onClick={() => go("data", { key: item.key, pattern, ...(label ? { label } : {}) })}
            >
              <span class="grow key">{item.key}</span>
              <span class="muted clip">
                {LABELS.map((l) => item[l])
                  .filter(Boolean)
                  .join(" · ")}
              </span>
              {item.modified !== undefined && <span class="time">{clock(item.modified)}</span>}
            </button>
          )}
        />
      </div>
      {(selected || creating) && <ItemEditor key={selected ?? "new"} itemKey={creating ? undefined : (selected ?? undefined)} onSaved={load} />}
    </section>
  );
}

function ItemEditor({ itemKey, onSaved }: { itemKey?: string; onSaved: () => void }) {
  const [key, setKey] = useState(itemKey ?? "");
  const [value, setValue] = useState("{}");
  const [labels, setLabels] = useState<Record<string, string>>({});
  const [ttl, setTtl] = useState("");
  const [meta, setMeta] = useState<Item>();
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState<string>();
  useEffect(() => {
    if (!itemKey) return;
    call<Item>(`data/item?key=${encodeURIComponent(itemKey)}`).then(
      (item) => {
        setMeta(item);
        setValue(JSON.stringify(item.value, null, 2));
        setLabels(Object.fromEntries(LABELS.flatMap((l) => (item[l] ? [[l, item[l] ?? ""]] : []))));
        setTtl(item.ttl !== undefined ? String(item.ttl) : "");
      },
      (e: unknown) => setError(message(e)),
    );
  }, [itemKey]);
  let parseError: string | undefined;
  try {
    JSON.parse(value);
  } catch (e) {
    parseError = message(e);
  }
  const save = async () => {
    try {
      const body: Record<string, unknown> = { key, value: JSON.parse(value), ...labels };
      if (ttl.trim()) body.ttl = Number(ttl);
      const item = await call<Item>("data/item", { method: "PUT", body });
      setMeta(item);
      setSaved(`saved ${item.key}`);
      setError(undefined);
      onSaved();
      if (!itemKey) go("data", { key: item.key, pattern: `${item.key.split(":")[0]}:*` });
    } catch (e) {
      setError(message(e));
    }
  };
  const remove = async () => {
    if (!itemKey || !confirm(`Delete ${itemKey}?`)) return;
    try {
      await call(`data/item?key=${encodeURIComponent(itemKey)}`, { method: "DELETE" });
      onSaved();
      go("data");
    } catch (e) {
      setError(message(e));
    }
  };
  return (
    <article class="detail" aria-labelledby="item-title">
      <h3 id="item-title">{itemKey ? itemKey : "New item"}</h3>
      {meta?.created !== undefined && (
        <p class="muted">
          created {new Date(meta.created).toLocaleString()} · modified {new Date(meta.modified ?? 0).toLocaleString()}
        </p>
      )}
      <form
        class="form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label>
          Key <input value={key} readOnly={itemKey !== undefined} onInput={(e) => setKey(e.currentTarget.value)} placeholder="todo:42" required />
        </label>
        <label>
          Value (JSON)
          <textarea
            class="mono"
            rows={14}
            value={value}
            onInput={(e) => setValue(e.currentTarget.value)}
            aria-invalid={parseError !== undefined}
            spellcheck={false}
          />
        </label>
        {parseError && <p class="error">{parseError}</p>}
        <div class="grid2">
          {LABELS.map((l) => (
            <label key={l}>
              {l} <input value={labels[l] ?? ""} onInput={(e) => setLabels({ ...labels, [l]: e.currentTarget.value })} placeholder="namespace:value" />
            </label>
          ))}
          <label>
            ttl (epoch seconds) <input value={ttl} onInput={(e) => setTtl(e.currentTarget.value)} inputMode="numeric" />
          </label>
        </div>
        <div class="toolbar">
          <button type="submit" disabled={parseError !== undefined || key === ""}>
            Save
          </button>
          {itemKey && (
            <button type="button" class="danger" onClick={() => void remove()}>
              Delete
            </button>
          )}
        </div>
      </form>
      <ErrorLine error={error} />
      {saved && (
        <p class="notice" role="status">
          {saved}
        </p>
      )}
    </article>
  );
}
