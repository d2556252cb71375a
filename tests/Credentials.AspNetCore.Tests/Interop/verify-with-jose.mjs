// Verifies JWTs the way a Node.js service using `jose` does: keys from the issuer's JWKS URL (createRemoteJWKSet),
// issuer, audience, algorithm and typ pinned. The clock is the test's (the issuer runs on a fake clock).
// Usage: node verify-with-jose.mjs <jwks-url> <now, unix seconds> <issuer> <audience> <algorithm> <token>...
// Prints one JSON line per token: {"accepted":true,"kid":"..."} or {"accepted":false,"code":"ERR_..."}.
import { createRemoteJWKSet, jwtVerify } from 'jose';

const [jwksUrl, now, issuer, audience, algorithm, ...tokens] = process.argv.slice(2);
const keys = createRemoteJWKSet(new URL(jwksUrl));
const options = {
  issuer,
  audience,
  algorithms: [algorithm],
  typ: 'JWT',
  currentDate: new Date(Number(now) * 1000),
  clockTolerance: 30,
};

for (const token of tokens) {
  try {
    const { protectedHeader } = await jwtVerify(token, keys, options);
    console.log(JSON.stringify({ accepted: true, kid: protectedHeader.kid }));
  } catch (error) {
    console.log(JSON.stringify({ accepted: false, code: error.code ?? error.name }));
  }
}
