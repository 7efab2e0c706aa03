import { data } from "@serverless/cloud";

export async function load({ params }) {
  const item = await data.get(`item:${params.id}`);
  return { id: params.id, name: item ? item.name : "not found" };
}
