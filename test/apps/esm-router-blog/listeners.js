import { data } from "@serverless/cloud";

// comment_<slug>:<ts> -> bump the post's counter
data.on("created:comment_*:*", async ({ item }) => {
  const slug = item.key.split(":")[0].slice("comment_".length);
  if (await data.get(`post:${slug}`)) await data.add(`post:${slug}`, "commentCount", 1);
});

data.on("deleted:post:*", async ({ item }) => {
  const slug = item.key.split(":")[1];
  const { items } = await data.get(`comment_${slug}:*`);
  if (items.length) await data.remove(items.map((i) => i.key));
});
