const crypto = require("crypto");

// Signs "<user>" as "<user>.<hmac>". Without a secret (sandbox without the
// param) it makes a random one per instance: sessions then simply don't
// survive a cold start.
class Signer {
  constructor(secret) {
    this.ephemeral = !secret;
    this.secret = secret || crypto.randomBytes(32).toString("hex");
  }

  sign(value) {
    return `${value}.${this.mac(value)}`;
  }

  verify(token) {
    if (typeof token !== "string") return null;
    const dot = token.lastIndexOf(".");
    if (dot <= 0) return null;
    const value = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1));
    const expected = Buffer.from(this.mac(value));
    return given.length === expected.length && crypto.timingSafeEqual(given, expected) ? value : null;
  }

  mac(value) {
    return crypto.createHmac("sha256", this.secret).update(value).digest("base64url");
  }
}

module.exports = Signer;
