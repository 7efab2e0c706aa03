import { data } from "@serverless/cloud";

export const dynamic = "force-dynamic";

export default async function Item({ params }) {
  const { id } = await params;
  const item = await data.get(`item:${id}`);
  return <p id="item">{item ? `${id}: ${item.name}` : `${id}: not found`}</p>;
}
