import { api, schedule } from "@serverless/cloud";
import { TaskRepo } from "@lib/task-repo";
import { slugify, today } from "@lib/ids";
import type { Task } from "@lib/types";

const tasks = new TaskRepo();

api.get("/tasks", async (req, res) => {
  const status = (req.query.status as Task["status"]) || "open";
  res.json({ status, tasks: await tasks.byStatus(status) });
});

api.post("/tasks", async (req, res) => {
  const { title, due } = req.body ?? {};
  if (typeof title !== "string" || !title.trim()) {
    return res.status(400).json({ error: "title required" });
  }
  const task: Task = { id: slugify(title), title, due, status: "open", createdAt: new Date().toISOString() };
  res.status(201).json(await tasks.save(task));
});

api.patch("/tasks/:id", async (req, res) => {
  const task = await tasks.get(req.params.id);
  if (!task) return res.sendStatus(404);
  res.json(await tasks.save({ ...task, ...req.body, id: task.id }));
});

export const overdueSweep = schedule.every("5 minutes", async () => {
  const now = today();
  const open = await tasks.byStatus("open");
  const late = open.filter((t) => t.due && t.due < now);
  for (const t of late) await tasks.save({ ...t, status: "overdue" });
  console.log(`marked ${late.length} task(s) overdue`);
});
