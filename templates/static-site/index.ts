// The pages are the files in static/ (served at /, cached by the CDN); the
// API below answers the signup form on them.
import cloud from "iac";

const { api, data } = cloud;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

api.post("/api/signups", async (req, res) => {
  const email = String(req.body?.email ?? "").trim().toLowerCase();
  if (!EMAIL.test(email)) {
    res.status(400).json({ error: "please give a valid email address" });
    return;
  }
  const existing = await data.get(`signup:${email}`);
  if (existing) {
    res.json({ email, alreadySignedUp: true });
    return;
  }
  await data.set(`signup:${email}`, { email, at: new Date().toISOString() });
  res.status(201).json({ email, alreadySignedUp: false });
});

api.get("/api/signups/count", async (_req, res) => {
  const { items } = await data.get("signup:*", { limit: 1000 });
  res.json({ count: items.length });
});
