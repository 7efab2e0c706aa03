import { data } from "@serverless/cloud";

export async function getServerSideProps({ params }) {
  const item = await data.get(`item:${params.id}`);
  if (!item) return { notFound: true };
  return { props: { id: params.id, name: item.name } };
}

export default function Item({ id, name }) {
  return <p id="item">item {id} is {name}</p>;
}
