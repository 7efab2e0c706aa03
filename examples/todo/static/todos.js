// The page's client: every change answers with the list to show.
const list = document.getElementById("todos");
const filter = document.getElementById("filter");
const form = document.getElementById("new-todo");

async function call(method, path, body) {
  const res = await fetch(`${path}?status=${filter.value}`, {
    method,
    headers: body ? { "content-type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await res.json();
  if (!res.ok) throw new Error(json.error || res.statusText);
  return json.items;
}

function render(items) {
  const now = new Date().toISOString();
  list.replaceChildren(
    ...items.map((todo) => {
      const li = document.createElement("li");
      li.className = todo.status;
      if (todo.status === "incomplete" && todo.duedate && todo.duedate < now) li.classList.add("overdue");
      const box = Object.assign(document.createElement("input"), { type: "checkbox", checked: todo.status === "complete" });
      box.onchange = () => call("POST", `/todos/${todo.id}`, { status: box.checked ? "complete" : "incomplete" }).then(render);
      const name = Object.assign(document.createElement("span"), { textContent: todo.name });
      const due = Object.assign(document.createElement("small"), { textContent: todo.duedate ? `due ${todo.duedate.slice(0, 10)}` : "" });
      const del = Object.assign(document.createElement("button"), { textContent: "Delete" });
      del.onclick = () => call("DELETE", `/todos/${todo.id}`).then(render);
      li.append(box, name, due, del);
      return li;
    }),
  );
}

form.onsubmit = async (event) => {
  event.preventDefault();
  const { name, duedate } = Object.fromEntries(new FormData(form));
  const id = Date.now().toString(36);
  render(await call("POST", `/todos/${id}`, { name, ...(duedate ? { duedate } : {}) }));
  form.reset();
};
filter.onchange = () => call("GET", "/todos").then(render);
call("GET", "/todos").then(render, (err) => alert(err.message));
