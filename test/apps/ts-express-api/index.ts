import express from "express";
import { http } from "@serverless/cloud";
import { contacts } from "@routes/contacts";

const app = express();
app.disable("x-powered-by");
app.use(express.json({ limit: "100kb" }));
app.use("/api/contacts", contacts);
app.get("/api/ping", (_req, res) => {
  res.json({ pong: true });
});

http.use(app);

export default app;
