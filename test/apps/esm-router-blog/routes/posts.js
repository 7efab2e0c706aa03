import * as repo from "../lib/posts-repo.js";

export const postRoutes = [
  ["get", "/posts", async (req, res) => {
    res.json(req.query.author ? await repo.listByAuthor(req.query.author) : await repo.listPublished());
  }],
  ["get", "/posts/:slug", async (req, res) => {
    const post = await repo.getPost(req.params.slug);
    if (!post) return res.status(404).json({ error: "no such post" });
    res.cookie("last_read", post.slug, { path: "/" });
    res.json(post);
  }],
  ["post", "/posts", async (req, res) => {
    const { title, body, author, published = false } = req.body || {};
    if (!title || !author) return res.status(400).json({ error: "title and author are required" });
    const post = { slug: repo.slugOf(title), title, body: body || "", author, published, publishedAt: published ? new Date().toISOString() : null, commentCount: 0 };
    res.status(201).json(await repo.savePost(post));
  }],
];
