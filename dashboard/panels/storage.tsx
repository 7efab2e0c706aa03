/**
 * Storage: the stage's files folder by folder, with size, type, time and
 * metadata; upload (with the type and metadata), download and delete.
 * Writes go through the app's storage SDK, so `storage.on` sees them.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { call, on, withToken } from "../api";
import { go } from "../nav";
import { bytes, debounce, ErrorLine, message } from "../ui";

interface Listing {
  prefix: string;
  folders: string[];
  files: { path: string; size: number; type: string; lastModified: string | null; metadata: Record<string, string> }[];
}

export function StoragePanel({ args }: { args: URLSearchParams }) {
  const prefix = args.get("prefix") ?? "";
  const [listing, setListing] = useState<Listing>();
  const [error, setError] = useState<string>();
  const [file, setFile] = useState<File>();
  const [name, setName] = useState("");
  const [metadata, setMetadata] = useState("");
  const [notice, setNotice] = useState<string>();
  // A refresh started for another folder (a live event just before a click) must not overwrite this one's listing.
  const shown = useRef(prefix);
  shown.current = prefix;
  const load = () =>
    call<Listing>(`storage?prefix=${encodeURIComponent(prefix)}`).then(
      (answer) => {
        if (answer.prefix === shown.current) setListing(answer);
      },
      (e: unknown) => setError(message(e)),
    );
  useEffect(() => {
    void load();
    return on(
      "storage",
      debounce(() => void load(), 200),
    );
  }, [prefix]);
  const upload = async () => {
    if (!file) return;
    const path = `${prefix}${name || file.name}`;
    const meta: Record<string, string> = {};
    for (const line of metadata.split("\n")) {
      const i = line.indexOf("=");
      if (i > 0) meta[line.slice(0, i).trim()] = line.slice(i + 1).trim();
    }
    const q = new URLSearchParams({ path, metadata: JSON.stringify(meta) });
    if (file.type) q.set("type", file.type);
    try {
      await call(`storage/file?${q}`, { method: "PUT", raw: file });
      setNotice(`uploaded ${path}`);
      setError(undefined);
      void load();
    } catch (e) {
      setError(message(e));
    }
  };
  const remove = async (path: string) => {
    if (!confirm(`Delete ${path}?`)) return;
    try {
      await call(`storage/file?path=${encodeURIComponent(path)}`, { method: "DELETE" });
      void load();
    } catch (e) {
      setError(message(e));
    }
  };
  const crumbs = prefix.split("/").filter(Boolean);
  return (
    <section aria-labelledby="storage-title" class="column">
      <h2 id="storage-title">Storage</h2>
      <nav aria-label="Folder" class="crumbs">
        <button type="button" class="link" onClick={() => go("storage")}>
          (root)
        </button>
        {crumbs.map((c, i) => (
          <span key={i}>
            {" / "}
            <button type="button" class="link" onClick={() => go("storage", { prefix: `${crumbs.slice(0, i + 1).join("/")}/` })}>
              {c}
            </button>
          </span>
        ))}
      </nav>
      <form
        class="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          void upload();
        }}
      >
        <label class="file">
          File <input type="file" onChange={(e) => setFile(e.currentTarget.files?.[0])} />
        </label>
        <label>
          Name <input value={name} onInput={(e) => setName(e.currentTarget.value)} placeholder={file?.name ?? "same as the file"} />
        </label>
        <label>
          Metadata (key=value per line) <textarea rows={1} value={metadata} onInput={(e) => setMetadata(e.currentTarget.value)} />
        </label>
        <button type="submit" disabled={!file}>
          Upload to /{prefix}
        </button>
      </form>
      <ErrorLine error={error} />
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <table class="files">
        <thead>
          <tr>
            <th scope="col">name</th>
            <th scope="col">size</th>
            <th scope="col">type</th>
            <th scope="col">modified</th>
            <th scope="col">metadata</th>
            <th scope="col">
              <span class="sr-only">actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {listing?.folders.map((f) => (
            <tr key={f}>
              <td colSpan={6}>
                <button type="button" class="link" onClick={() => go("storage", { prefix: f })}>
                  📁 {f.slice(prefix.length)}
                </button>
              </td>
            </tr>
          ))}
          {listing?.files.map((f) => (
            <tr key={f.path}>
              <td>{f.path.slice(prefix.length)}</td>
              <td class="num">{bytes(f.size)}</td>
              <td>{f.type}</td>
              <td>{f.lastModified ? new Date(f.lastModified).toLocaleString() : ""}</td>
              <td>
                <code class="clip">
                  {Object.entries(f.metadata)
                    .map(([k, v]) => `${k}=${v}`)
                    .join(", ")}
                </code>
              </td>
              <td class="actions">
                <a href={withToken(`storage/file?path=${encodeURIComponent(f.path)}`)} download={f.path.split("/").pop()}>
                  Download<span class="sr-only"> {f.path}</span>
                </a>{" "}
                <button type="button" class="danger" onClick={() => void remove(f.path)}>
                  Delete<span class="sr-only"> {f.path}</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {listing && listing.folders.length + listing.files.length === 0 && <p class="muted">This folder is empty.</p>}
    </section>
  );
}
