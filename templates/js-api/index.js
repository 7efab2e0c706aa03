const { api, data } = require("iac");

// Contacts are `contact:<id>`; label1 `email:<address>` finds one by email.
function toContact(id, body) {
  const name = typeof body.name === "string" ? body.name.trim() : "";
  const email = typeof body.email === "string" ? body.email.trim().toLowerCase() : "";
  if (!name || !/^[^\s@]+@[^\s@]+$/.test(email)) return undefined;
  return { id, name, email };
}

api.get("/contacts", async (req, res) => {
  const { email } = req.query;
  const { items } = email
    ? await data.getByLabel("label1", `email:${String(email).toLowerCase()}`)
    : await data.get("contact:*");
  res.json({ contacts: items.map((item) => item.value) });
});

api.get("/contacts/:id", async (req, res) => {
  const contact = await data.get(`contact:${req.params.id}`);
  if (!contact) return res.status(404).json({ error: "not found" });
  res.json(contact);
});

api.post("/contacts", async (req, res) => {
  const contact = toContact(Date.now().toString(36), req.body || {});
  if (!contact) return res.status(400).json({ error: "name and a valid email are required" });
  await data.set(`contact:${contact.id}`, contact, { label1: `email:${contact.email}` });
  res.status(201).json(contact);
});

api.put("/contacts/:id", async (req, res) => {
  const contact = toContact(req.params.id, req.body || {});
  if (!contact) return res.status(400).json({ error: "name and a valid email are required" });
  await data.set(`contact:${contact.id}`, contact, { overwrite: true, label1: `email:${contact.email}` });
  res.json(contact);
});

api.delete("/contacts/:id", async (req, res) => {
  await data.remove(`contact:${req.params.id}`);
  res.sendStatus(204);
});
