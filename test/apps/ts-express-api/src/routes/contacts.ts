import { Router, type Request, type Response } from "express";
import { atCompany, find, upsert, validate, type Contact } from "@lib/contacts";

export const contacts = Router();

contacts.get("/", async (req: Request, res: Response) => {
  const company = req.query.company;
  if (typeof company !== "string") return res.status(400).json({ error: "?company= is required" });
  res.json(await atCompany(company));
});

contacts.get("/:id", async (req: Request, res: Response) => {
  const contact = await find(req.params.id);
  if (!contact) return res.status(404).json({ error: "not found" });
  res.json(contact);
});

contacts.put("/:id", async (req: Request, res: Response) => {
  const input: Partial<Contact> = { ...req.body, id: req.params.id };
  const problem = validate(input);
  if (problem) return res.status(422).json({ error: problem });
  res.json(await upsert(input as Contact));
});
