import { data } from "@serverless/cloud";

// An Astro endpoint reading data: the SDK inside it is the function's own instance.
export async function GET() {
  const { items } = await data.get("item:*");
  return new Response(JSON.stringify({ items: items.map((i) => ({ key: i.key, name: i.value.name })) }), {
    headers: { "content-type": "application/json" },
  });
}
