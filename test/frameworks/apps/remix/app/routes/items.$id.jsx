import { useLoaderData } from "@remix-run/react";
import { data } from "@serverless/cloud";

export async function loader({ params }) {
  const item = await data.get(`item:${params.id}`);
  return { id: params.id, name: item ? item.name : "not found" };
}

export default function Item() {
  const { id, name } = useLoaderData();
  return (
    <main>
      <h1>{`Item ${id}`}</h1>
      <p>{name}</p>
    </main>
  );
}
