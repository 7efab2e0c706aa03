import { api, data, params } from "@serverless/cloud";
import { FlagClient } from "./flag-client.mjs";

const DEFAULTS = { "new-checkout": false, "dark-mode": true };

// top-level await: the client is ready before any request arrives
const flags = await FlagClient.create(params.FLAGS_API_KEY, DEFAULTS);
const environment = params.INSTANCE_NAME ?? "unknown";

async function overridesFor(user) {
  if (!user) return {};
  return (await data.get(`override:${user}`)) ?? {};
}

api.get("/flags", async (req, res) => {
  const overrides = await overridesFor(req.query.user);
  const result = Object.fromEntries(Object.keys(DEFAULTS).map((name) => [name, flags.isEnabled(name, overrides)]));
  res.json({ mode: flags.mode, environment: typeof environment, flags: result });
});

api.put("/overrides/:user", async (req, res) => {
  const body = req.body ?? {};
  const unknown = Object.keys(body).filter((k) => !(k in DEFAULTS));
  if (unknown.length) return res.status(422).json({ error: "unknown flags", unknown });
  res.json(await data.set(`override:${req.params.user}`, body));
});

export default flags;
