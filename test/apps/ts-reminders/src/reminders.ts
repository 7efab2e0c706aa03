import { data, events, params } from "@serverless/cloud";
import { PushClient } from "@app/services/push";

export const push = new PushClient(params.PUSH_TOKEN);

export interface Reminder {
  id: string;
  to: string;
  text: string;
  status: "scheduled" | "sent";
  createdAt: number;
  sentAt?: number;
  latencyMs?: number;
}

let counter = 0;
export function newId(): string {
  counter += 1;
  return `${Date.now().toString(36)}${counter}`;
}

export async function schedule(to: string, text: string, after: string, id = newId()): Promise<Reminder> {
  const reminder: Reminder = { id, to, text, status: "scheduled", createdAt: Date.now() };
  await data.set(`reminder:${id}`, reminder);
  await events.publish("reminder.due", { after }, { id });
  return reminder;
}

export async function deliver(id: string, publishedAt: number): Promise<Reminder | undefined> {
  const reminder = (await data.get(`reminder:${id}`)) as Reminder | undefined;
  if (!reminder || reminder.status === "sent") return reminder;
  await push.send(reminder.to, reminder.text);
  const sentAt = Date.now();
  return (await data.set(`reminder:${id}`, { status: "sent", sentAt, latencyMs: sentAt - publishedAt })) as Reminder;
}
