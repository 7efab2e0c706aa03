import { data } from "@serverless/cloud";

export const slugOf = (title) => title.toLowerCase().trim().replace(/[^a-z0-9]+/g, "-").replace(/(^-|-$)/g, "");

export async function listPublished() {
  const { items } = await data.getByLabel("label1", "published:*", { reverse: true });
  return items.map((i) => i.value);
}

export async function listByAuthor(author) {
  const { items } = await data.getByLabel("label2", `author:${author}:*`);
  return items.map((i) => i.value);
}

export const getPost = (slug) => data.get(`post:${slug}`);

export async function savePost(post) {
  const labels = { label2: `author:${post.author}:${post.slug}` };
  if (post.published) labels.label1 = `published:${post.publishedAt}`;
  return data.set(`post:${post.slug}`, post, { ...labels, overwrite: true });
}

export async function addComment(slug, comment) {
  const key = `comment_${slug}:${Date.now()}`;
  await data.set(key, comment);
  return comment;
}

export async function comments(slug) {
  const { items } = await data.get(`comment_${slug}:*`);
  return items.map((i) => i.value);
}
