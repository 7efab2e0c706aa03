// A server component reading the app's data through the SDK, rendered on each request.
import { data } from "@serverless/cloud";
import Counter from "./counter";

export const dynamic = "force-dynamic";

export default async function Home() {
  const greeting = await data.get("greeting:home");
  return (
    <main>
      <h1>Next.js app router on iac</h1>
      <p id="greeting">{greeting ? greeting.text : "no greeting yet"}</p>
      <Counter />
    </main>
  );
}
