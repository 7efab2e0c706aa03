import { data } from "@serverless/cloud";

// A resource route reading data: the SDK inside it is the function's own instance.
export async function loader() {
  const { items } = await data.get("item:*");
  return Response.json({ items: items.map((i) => ({ key: i.key, name: i.value.name })) });
}
