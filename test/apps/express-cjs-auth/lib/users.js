const crypto = require("crypto");
const { data } = require("@serverless/cloud");

function hash(password, salt) {
  return crypto.scryptSync(password, salt, 32).toString("hex");
}

exports.create = async function create(username, password) {
  if (await data.get(`user:${username}`)) return null;
  const salt = crypto.randomBytes(8).toString("hex");
  await data.set(`user:${username}`, { username, salt, hash: hash(password, salt), created: new Date().toISOString() });
  return { username };
};

exports.check = async function check(username, password) {
  const user = await data.get(`user:${username}`);
  return Boolean(user && user.hash === hash(password, user.salt));
};

exports.profile = async function profile(username) {
  const user = await data.get(`user:${username}`);
  return user ? { username: user.username, created: user.created } : null;
};
