/** Small pieces every panel uses: a virtualised list, source locations, times, errors. */
import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import type { SourceLocation } from "./types";

/** The app's folder, for editor links (set once the overview has loaded). */
export const appDirRef = { current: "" };

/**
 * A list that renders only the rows in view (plus a margin), so 50,000 log
 * lines or 10,000 items scroll as fast as 50. Rows have one fixed height.
 * `onEnd` is called when the last rows come into view (load the next page).
 */
export function VirtualList<T>(props: {
  items: readonly T[];
  rowHeight: number;
  render: (item: T, index: number) => ComponentChildren;
  label: string;
  onEnd?: () => void;
  /** Keep the view at the bottom while new rows arrive (the log's follow mode). */
  stickToBottom?: boolean;
  /** An index to bring into view. */
  focus?: number;
}) {
  const { items, rowHeight } = props;
  const box = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(0);
  const [height, setHeight] = useState(400);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  useEffect(() => {
    const el = box.current;
    if (el && props.stickToBottom) el.scrollTop = el.scrollHeight;
  }, [items.length, props.stickToBottom]);
  useEffect(() => {
    const el = box.current;
    if (el && props.focus !== undefined && props.focus >= 0) el.scrollTop = Math.max(0, props.focus * rowHeight - el.clientHeight / 2);
  }, [props.focus]);
  const first = Math.max(0, Math.floor(top / rowHeight) - 10);
  const last = Math.min(items.length, Math.ceil((top + height) / rowHeight) + 10);
  useEffect(() => {
    if (props.onEnd && last >= items.length && items.length > 0) props.onEnd();
  }, [last, items.length]);
  const rows: ComponentChildren[] = [];
  for (let i = first; i < last; i++) {
    rows.push(
      <div role="listitem" class="vrow" style={{ top: `${i * rowHeight}px`, height: `${rowHeight}px` }} key={i}>
        {props.render(items[i], i)}
      </div>,
    );
  }
  return (
    <div class="vlist" ref={box} role="list" aria-label={props.label} tabIndex={0} onScroll={(e) => setTop(e.currentTarget.scrollTop)}>
      <div style={{ height: `${items.length * rowHeight}px`, position: "relative" }}>{rows}</div>
    </div>
  );
}

/** `file:line:column`, linking to the file in the editor (VS Code's URL scheme). */
export function Loc({ at }: { at?: SourceLocation | null }) {
  if (!at) return <span class="muted">no location</span>;
  const text = `${at.file}:${at.line}:${at.column}`;
  const href = appDirRef.current ? `vscode://file/${appDirRef.current.replace(/\\/g, "/").replace(/^\//, "")}/${at.file}:${at.line}:${at.column}` : undefined;
  return href ? (
    <a class="loc" href={href} title={`open ${text} in the editor`}>
      {text}
    </a>
  ) : (
    <code class="loc">{text}</code>
  );
}

export function clock(ms: number): string {
  return new Date(ms).toISOString().slice(11, 23);
}

export function ago(ms: number): string {
  const s = Math.round((ms - Date.now()) / 1000);
  const abs = Math.abs(s);
  const text =
    abs < 60 ? `${abs} s` : abs < 3600 ? `${Math.round(abs / 60)} min` : abs < 86400 ? `${(abs / 3600).toFixed(1)} h` : `${(abs / 86400).toFixed(1)} d`;
  return s >= 0 ? `in ${text}` : `${text} ago`;
}

export function bytes(n: number): string {
  return n < 1024 ? `${n} B` : n < 1048576 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1048576).toFixed(1)} MB`;
}

export function ErrorLine({ error }: { error?: string }) {
  return error ? (
    <p class="error" role="alert">
      {error}
    </p>
  ) : null;
}

export function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Runs `fn` at most once per `ms` while events keep coming (live refreshes). */
export function debounce(fn: () => void, ms = 150): () => void {
  let timer: number | undefined;
  return () => {
    if (timer !== undefined) return;
    timer = window.setTimeout(() => {
      timer = undefined;
      fn();
    }, ms);
  };
}
