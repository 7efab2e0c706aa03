import { json } from "@sveltejs/kit";
import { data } from "@serverless/cloud";

// A SvelteKit endpoint reading data: the SDK inside +server.js is the function's own instance.
export async function GET() {
  const { items } = await data.get("item:*");
  return json({ items: items.map((i) => ({ key: i.key, name: i.value.name })) });
}
