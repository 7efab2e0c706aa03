import { api } from "@serverless/cloud";
import { registerRoutes } from "./lib/router.js";
import { postRoutes } from "./routes/posts.js";
import { commentRoutes } from "./routes/comments.js";
import "./listeners.js";

registerRoutes(api, postRoutes, commentRoutes);

// eslint-disable-next-line no-unused-vars
api.use((err, req, res, next) => {
  console.error(err);
  res.status(500).json({ error: "something broke" });
});
