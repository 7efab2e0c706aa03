export type TaskStatus = "open" | "done" | "overdue";

export interface Task {
  id: string;
  title: string;
  due?: string; // YYYY-MM-DD
  status: TaskStatus;
  createdAt: string;
}
