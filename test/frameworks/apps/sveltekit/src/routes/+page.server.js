import { data } from "@serverless/cloud";

export async function load() {
  const greeting = await data.get("greeting:home");
  return { greeting: greeting ? greeting.text : "no greeting yet" };
}
