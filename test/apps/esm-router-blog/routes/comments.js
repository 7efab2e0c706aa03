import { addComment, comments, getPost } from "../lib/posts-repo.js";

export const commentRoutes = [
  ["get", "/posts/:slug/comments", async (req, res) => {
    res.json(await comments(req.params.slug));
  }],
  ["post", "/posts/:slug/comments", async (req, res) => {
    if (!(await getPost(req.params.slug))) return res.status(404).json({ error: "no such post" });
    const text = String(req.body?.text || "").trim();
    if (!text) return res.status(400).json({ error: "empty comment" });
    res.status(201).json(await addComment(req.params.slug, { text, by: req.body.by || "anonymous", at: new Date().toISOString() }));
  }],
];
