const form = document.getElementById("signup");
const message = document.getElementById("message");

async function showCount() {
  const { count } = await (await fetch("/api/signups/count")).json();
  document.getElementById("count").textContent = count ? `${count} people already have.` : "";
}

form.onsubmit = async (event) => {
  event.preventDefault();
  const res = await fetch("/api/signups", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: new FormData(form).get("email") }),
  });
  const body = await res.json();
  message.textContent = !res.ok ? body.error : body.alreadySignedUp ? "You were already on the list." : "Thanks! You are on the list.";
  if (res.ok) form.reset();
  showCount();
};

showCount();
