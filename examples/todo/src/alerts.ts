import { listOverdue } from "./todos";

/** Runs every hour: one log line per overdue todo, picked up by log alerts. */
export async function alertOverdue(): Promise<number> {
  const overdue = await listOverdue();
  for (const todo of overdue) {
    console.log(`ALERT: '${todo.name}' is overdue (due ${todo.duedate})`);
  }
  return overdue.length;
}
