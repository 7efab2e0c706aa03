const express = require("express");
const cookieParser = require("cookie-parser");
const { http, params } = require("@serverless/cloud");
const Signer = require("./lib/signer");
const users = require("./lib/users");

const signer = new Signer(params.SESSION_SECRET);

const app = express();
app.use(express.json());
app.use(cookieParser());

const valid = (b) => b && typeof b.username === "string" && /^[a-z0-9_]{3,20}$/.test(b.username) && typeof b.password === "string" && b.password.length >= 8;

app.post("/auth/signup", async (req, res) => {
  if (!valid(req.body)) return res.status(400).json({ error: "username 3-20 [a-z0-9_], password 8+ chars" });
  const user = await users.create(req.body.username, req.body.password);
  if (!user) return res.status(409).json({ error: "username taken" });
  res.status(201).json(user);
});

app.post("/auth/login", async (req, res) => {
  const { username, password } = req.body || {};
  if (!(await users.check(username, password))) return res.status(401).json({ error: "bad credentials" });
  res.cookie("session", signer.sign(username), { httpOnly: true, secure: true, sameSite: "strict" });
  res.json({ ok: true });
});

app.post("/auth/logout", (req, res) => {
  res.clearCookie("session").json({ ok: true });
});

app.get("/me", async (req, res) => {
  const username = signer.verify(req.cookies.session);
  if (!username) return res.status(401).json({ error: "not signed in" });
  res.json(await users.profile(username));
});

app.get("/status", (req, res) => res.json({ ephemeralSecret: signer.ephemeral }));

http.use(app);
module.exports = app;
