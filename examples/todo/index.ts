// A todo list: JSON routes over `data`, an hourly overdue check, and the
// page in static/ that talks to the routes.
import { api, schedule } from "iac";
import { alertOverdue } from "./src/alerts";
import { handleErrors } from "./src/errors";
import { listTodos, parseStatus, removeTodo, saveTodo } from "./src/todos";

// GET /todos?status=all|complete|incomplete
api.get("/todos", async (req, res) => {
  const items = await listTodos(parseStatus(req.query.status));
  res.json({ items });
});

// Create or update a todo; answers with the list the page is showing.
api.post("/todos/:id", async (req, res) => {
  const todo = await saveTodo(req.params.id, req.body ?? {});
  const items = await listTodos(parseStatus(req.query.status));
  res.json({ todo, items });
});

api.delete("/todos/:id", async (req, res) => {
  await removeTodo(req.params.id);
  const items = await listTodos(parseStatus(req.query.status));
  res.json({ items });
});

api.use(handleErrors);

schedule.every("60 minutes", alertOverdue);
