import { data } from "@serverless/cloud";
import type { Task, TaskStatus } from "./types";

export class TaskRepo {
  private key(id: string) {
    return `task:${id}`;
  }

  async get(id: string): Promise<Task | undefined> {
    return (await data.get(this.key(id))) as Task | undefined;
  }

  async byStatus(status: TaskStatus): Promise<Task[]> {
    const { items } = await data.getByLabel("label1", `${status}:*`);
    return items.map((item: any) => item.value as Task);
  }

  async save(task: Task): Promise<Task> {
    // label1 sorts by due date inside each status
    await data.set(this.key(task.id), task, { label1: `${task.status}:${task.due ?? "9999-12-31"}:${task.id}` });
    return task;
  }
}
