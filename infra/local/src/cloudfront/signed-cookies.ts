import { createVerify } from 'node:crypto';

export interface TrustedKey {
  readonly keyPairId: string;
  readonly publicKeyPem: string;
}

type Verdict = { ok: true } | { ok: false; reason: string };

/** CloudFront's URL-safe base64: `+`→`-`, `=`→`_`, `/`→`~`. */
const fromCloudFrontBase64 = (s: string): Buffer => Buffer.from(s.replace(/-/g, '+').replace(/_/g, '=').replace(/~/g, '/'), 'base64');

function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const pair of (header ?? '').split(';')) {
    const eq = pair.indexOf('=');
    if (eq > 0) out.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
  return out;
}

/** `*` matches any run of characters, `?` one, as in a CloudFront policy Resource. */
const resourceMatches = (pattern: string, url: string) =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    's',
  ).test(url);

interface PolicyStatement {
  Resource?: unknown;
  Condition?: {
    DateLessThan?: { 'AWS:EpochTime'?: unknown };
    DateGreaterThan?: { 'AWS:EpochTime'?: unknown };
    IpAddress?: { 'AWS:SourceIp'?: unknown };
  };
}

/**
 * Checks CloudFront signed cookies for a request as CloudFront does: a trusted key pair id,
 * an RSA-SHA1 signature over the policy (custom) or the canned policy built from
 * CloudFront-Expires, the resource matching the URL, and the date window.
 */
export function verifySignedCookies(cookieHeader: string | undefined, url: string, trusted: readonly TrustedKey[], nowMs: number): Verdict {
  const cookies = parseCookies(cookieHeader);
  const keyPairId = cookies.get('CloudFront-Key-Pair-Id');
  const signature = cookies.get('CloudFront-Signature');
  const encodedPolicy = cookies.get('CloudFront-Policy');
  const expires = cookies.get('CloudFront-Expires');
  if (!keyPairId || !signature || (!encodedPolicy && !expires)) return { ok: false, reason: 'Missing Key' };
  const key = trusted.find((k) => k.keyPairId === keyPairId);
  if (!key) return { ok: false, reason: 'Invalid Key' };

  let policyText: string;
  if (encodedPolicy) policyText = fromCloudFrontBase64(encodedPolicy).toString('utf8');
  else if (/^\d+$/.test(expires ?? ''))
    policyText = JSON.stringify({ Statement: [{ Resource: url, Condition: { DateLessThan: { 'AWS:EpochTime': Number(expires) } } }] });
  else return { ok: false, reason: 'Malformed Expires' };

  // SHA1 unless the signer chose SHA256 (CloudFront-Hash-Algorithm), as CloudFront supports both.
  const hash = cookies.get('CloudFront-Hash-Algorithm');
  if (hash !== undefined && hash !== 'SHA1' && hash !== 'SHA256') return { ok: false, reason: 'Invalid Hash Algorithm' };
  const verifier = createVerify(hash === 'SHA256' ? 'RSA-SHA256' : 'RSA-SHA1');
  verifier.update(policyText);
  if (!verifier.verify(key.publicKeyPem, fromCloudFrontBase64(signature))) return { ok: false, reason: 'Invalid Signature' };

  let statement: PolicyStatement | undefined;
  try {
    statement = (JSON.parse(policyText) as { Statement?: PolicyStatement[] }).Statement?.[0];
  } catch {
    return { ok: false, reason: 'Malformed Policy' };
  }
  if (!statement || typeof statement.Resource !== 'string') return { ok: false, reason: 'Malformed Policy' };
  if (!resourceMatches(statement.Resource, url)) return { ok: false, reason: 'Access Denied' };
  const now = Math.floor(nowMs / 1000);
  const lessThan = Number(statement.Condition?.DateLessThan?.['AWS:EpochTime']);
  if (!Number.isFinite(lessThan)) return { ok: false, reason: 'Malformed Policy' };
  if (now >= lessThan) return { ok: false, reason: 'Access denied (expired)' };
  const greaterThan = statement.Condition?.DateGreaterThan?.['AWS:EpochTime'];
  if (greaterThan !== undefined && now <= Number(greaterThan)) return { ok: false, reason: 'Access denied (not yet valid)' };
  return { ok: true };
}
