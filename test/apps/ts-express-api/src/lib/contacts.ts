import { data } from "@serverless/cloud";

export interface Contact {
  id: string;
  name: string;
  email: string;
  company?: string;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export function validate(input: Partial<Contact>): string | null {
  if (!input.name) return "name is required";
  if (!input.email || !EMAIL.test(input.email)) return "a valid email is required";
  return null;
}

export async function upsert(contact: Contact): Promise<Contact> {
  const labels = contact.company ? { label1: `company:${contact.company.toLowerCase()}:${contact.id}` } : {};
  return (await data.set(`contact:${contact.id}`, contact, { overwrite: true, ...labels })) as Contact;
}

export async function find(id: string): Promise<Contact | undefined> {
  return (await data.get(`contact:${id}`)) as Contact | undefined;
}

export async function atCompany(company: string): Promise<Contact[]> {
  const { items } = await data.getByLabel("label1", `company:${company.toLowerCase()}:*`);
  return items.map((i: { value: unknown }) => i.value as Contact);
}
