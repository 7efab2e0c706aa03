import { data } from "iac";
import { HttpError } from "./errors";

export type Status = "complete" | "incomplete";

export interface Todo {
  id: string;
  name: string;
  status: Status;
  /** ISO 8601 date, when the todo has one. */
  duedate?: string;
  createdAt: string;
  completedAt?: string;
}

export interface TodoInput {
  name?: unknown;
  status?: unknown;
  duedate?: unknown;
  /** Seconds until the todo expires, e.g. 86400 for a day. */
  ttl?: unknown;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;
// Incomplete todos without a due date sort after every real date.
const NO_DUEDATE = "9999-12-31T23:59:59.999Z";

/**
 * label1 puts every todo in the `status` namespace, keyed by status then by
 * the date that matters for it: `status:incomplete:<duedate>` (so overdue
 * todos are a range query) and `status:complete:<completedAt>`.
 */
function statusLabel(todo: Todo): string {
  return todo.status === "complete"
    ? `status:complete:${todo.completedAt}`
    : `status:incomplete:${todo.duedate ?? NO_DUEDATE}`;
}

export function parseStatus(value: unknown): Status | "all" {
  if (value === undefined || value === "" || value === "all") return "all";
  if (value === "complete" || value === "incomplete") return value;
  throw new HttpError(400, `status must be all, complete or incomplete, not ${JSON.stringify(value)}`);
}

export async function listTodos(status: Status | "all"): Promise<Todo[]> {
  const result =
    status === "all"
      ? await data.get<Todo>("todo:*", { limit: 1000 })
      : await data.getByLabel<Todo>("label1", `status:${status}:*`, { limit: 1000 });
  return result.items.map((item) => item.value);
}

export async function saveTodo(id: string, input: TodoInput): Promise<Todo> {
  if (!ID.test(id)) throw new HttpError(400, "id must be 1-64 letters, digits, - or _");
  const existing = await data.get<Todo>(`todo:${id}`);

  const name = input.name ?? existing?.name;
  if (typeof name !== "string" || name.trim() === "") throw new HttpError(400, "name is required");
  const status = input.status ?? existing?.status ?? "incomplete";
  if (status !== "complete" && status !== "incomplete") throw new HttpError(400, "status must be complete or incomplete");
  const duedate = input.duedate ?? existing?.duedate;
  if (duedate !== undefined && (typeof duedate !== "string" || Number.isNaN(Date.parse(duedate)))) {
    throw new HttpError(400, "duedate must be an ISO 8601 date");
  }
  if (input.ttl !== undefined && !(Number.isInteger(input.ttl) && Number(input.ttl) > 0)) {
    throw new HttpError(400, "ttl must be a positive number of seconds");
  }

  const now = new Date().toISOString();
  const todo: Todo = {
    id,
    name: name.trim(),
    status,
    ...(duedate ? { duedate: new Date(duedate).toISOString() } : {}),
    createdAt: existing?.createdAt ?? now,
    ...(status === "complete" ? { completedAt: existing?.completedAt ?? now } : {}),
  };
  // overwrite: a todo that goes back to incomplete must lose completedAt.
  await data.set(`todo:${id}`, todo, {
    overwrite: true,
    label1: statusLabel(todo),
    ...(typeof input.ttl === "number" ? { ttl: input.ttl } : {}),
  });
  return todo;
}

export async function removeTodo(id: string): Promise<void> {
  if (!ID.test(id)) throw new HttpError(400, "id must be 1-64 letters, digits, - or _");
  await data.remove(`todo:${id}`);
}

/** Incomplete todos whose due date is before `now`, oldest first. */
export async function listOverdue(now: Date = new Date()): Promise<Todo[]> {
  const { items } = await data.getByLabel<Todo>("label1", `status:incomplete:|incomplete:${now.toISOString()}`);
  return items.map((item) => item.value);
}
