import Link from "next/link";
import { data } from "@serverless/cloud";

export async function getServerSideProps() {
  const { items } = await data.get("item:*");
  return { props: { names: items.map((i) => i.value.name).sort() } };
}

export default function Home({ names }) {
  return (
    <main>
      <h1>Next 12 pages on iac</h1>
      <ul id="items">{names.map((n) => <li key={n}>{n}</li>)}</ul>
      <Link href="/items/1">first item</Link>
    </main>
  );
}
