// A tiny route table helper: each routes module exports an array of
// [method, path, handler] and registerRoutes wires them onto the api.
export function registerRoutes(api, ...tables) {
  for (const table of tables) {
    for (const [method, path, handler] of table) {
      api[method](path, wrap(handler));
    }
  }
}

function wrap(handler) {
  return async (req, res, next) => {
    try {
      await handler(req, res);
    } catch (err) {
      next(err);
    }
  };
}
