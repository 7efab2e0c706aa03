import { useLoaderData } from "@remix-run/react";
import { data } from "@serverless/cloud";
import { useState } from "react";

export async function loader() {
  const greeting = await data.get("greeting:home");
  return { greeting: greeting ? greeting.text : "no greeting yet" };
}

export default function Index() {
  const { greeting } = useLoaderData();
  const [clicks, setClicks] = useState(0);
  return (
    <main>
      <h1>Remix on iac</h1>
      <p className="greeting">{greeting}</p>
      <button onClick={() => setClicks(clicks + 1)}>clicked {clicks}</button>
    </main>
  );
}
