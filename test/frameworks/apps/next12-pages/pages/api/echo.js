// A Next.js API route beside the SDK's /api/items routes: whatever path the SDK does not serve is Next's.
export default function handler(req, res) {
  res.status(200).json({ echoed: req.body, method: req.method });
}
