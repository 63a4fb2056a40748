import path from 'node:path';
import { ensureSessionKeys, sessionKeyPaths } from './session-keys';

// Runs before the edge build, which bakes the public JWKS into viewer-request.
ensureSessionKeys()
  .then(({ jwks }) =>
    console.log(`keys: ${jwks.keys.length} session verification key(s) in ${path.relative(process.cwd(), sessionKeyPaths.jwks)}`),
  )
  .catch((error: unknown) => {
    console.error(`keys: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
