// Thin repository over Serverless Data. Notes live at note:<id>, and each
// note is reachable by tag through label1 ("tag:<tag>:<id>").
export class NoteRepo {
  constructor(data) {
    this.data = data;
  }

  async all() {
    const { items } = await this.data.get("note:*", { limit: 50 });
    return items.map((i) => i.value);
  }

  async byTag(tag) {
    const { items } = await this.data.getByLabel("label1", `tag:${tag}:*`);
    return items.map((i) => i.value);
  }

  async find(id) {
    return (await this.data.get(`note:${id}`)) || null;
  }

  async save(note) {
    const tag = note.tag || "untagged";
    return this.data.set(`note:${note.id}`, { ...note, tag }, { label1: `tag:${tag}:${note.id}` });
  }

  async remove(id) {
    return this.data.remove(`note:${id}`);
  }
}
