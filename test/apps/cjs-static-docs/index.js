const { api, http, data } = require("@serverless/cloud");

// The guide and its images, straight from the folder (no static/ CDN upload).
api.static("public", { path: "/docs" });
// Downloads at the root, e.g. /release-notes.txt.
http.static("www");

api.get("/api/pages", async (req, res) => {
  const { items } = await data.get("page:*");
  res.json({ pages: items.map((i) => i.value.title) });
});

api.post("/api/pages/:id", async (req, res) => {
  res.json(await data.set(`page:${req.params.id}`, { title: String(req.body.title) }));
});
