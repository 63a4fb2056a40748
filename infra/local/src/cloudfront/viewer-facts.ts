import type { IncomingMessage } from 'node:http';

/**
 * The headers CloudFront generates from the viewer's connection
 * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/adding-cloudfront-headers.html),
 * added only when a policy of the behavior names them. CloudFront sets their values itself ("based
 * on the viewer's IP address" / "on the value of the User-Agent header"), so the local CloudFront
 * drops every `CloudFront-*` header a viewer sends: a viewer cannot claim a country, an address or
 * a device. On loopback every viewer is 127.0.0.1, so the country comes from the stand-in below.
 */

/**
 * Local stand-in for geolocation (there is no IP to locate on loopback): a request may carry
 * `X-Stride-Local-Viewer-Country: FR` to play a viewer in France. The local CloudFront consumes it
 * (it never reaches an edge function or an origin) and sets `CloudFront-Viewer-Country` from it;
 * without it, the configured default (`STRIDE_VIEWER_COUNTRY`, US). It does not exist on AWS.
 */
export const LOCAL_VIEWER_COUNTRY_HEADER = 'x-stride-local-viewer-country';

// CloudFront's device detection is its own; locally, the TV web views the edge also recognizes.
const SMART_TV_USER_AGENT = /Tizen|Web0S|CrKey|BRAVIA|SMART-TV|SmartTV|HbbTV|Roku|VIDAA|\bAFT[A-Z0-9]/;

/** Header names (lowercase) a viewer may not send: CloudFront's own. */
export const isCloudFrontGenerated = (name: string): boolean => name.toLowerCase().startsWith('cloudfront-');

export interface ViewerFactsOptions {
  /** The country for a viewer that names none with the stand-in header. */
  readonly defaultCountry: string;
}

/** The value CloudFront would give each generated header for this viewer, by lowercase name. */
export function viewerFacts(
  req: IncomingMessage,
  options: ViewerFactsOptions,
): ReadonlyMap<string, { readonly key: string; readonly value: string }> {
  const claimed = req.headers[LOCAL_VIEWER_COUNTRY_HEADER];
  const country =
    typeof claimed === 'string' && /^[A-Za-z]{2}$/.test(claimed.trim()) ? claimed.trim().toUpperCase() : options.defaultCountry;
  const address = req.socket.remoteAddress ?? '127.0.0.1';
  const port = req.socket.remotePort ?? 0;
  const ua = req.headers['user-agent'] ?? '';
  return new Map([
    ['cloudfront-viewer-country', { key: 'CloudFront-Viewer-Country', value: country }],
    // "the IP address of the viewer and the source port of the request", IPv6 without brackets.
    ['cloudfront-viewer-address', { key: 'CloudFront-Viewer-Address', value: `${address.replace(/^::ffff:/, '')}:${port}` }],
    ['cloudfront-is-smarttv-viewer', { key: 'CloudFront-Is-SmartTV-Viewer', value: String(SMART_TV_USER_AGENT.test(ua)) }],
    ['cloudfront-forwarded-proto', { key: 'CloudFront-Forwarded-Proto', value: 'http' }],
  ]);
}

/** The generated headers the local CloudFront can produce (lowercase). */
export const GENERATED_HEADER_NAMES: ReadonlySet<string> = new Set([
  'cloudfront-viewer-country',
  'cloudfront-viewer-address',
  'cloudfront-is-smarttv-viewer',
  'cloudfront-forwarded-proto',
]);

/** Throws, naming it, for a generated header a policy asks for that the local CloudFront cannot produce. */
export function assertGeneratable(names: readonly string[]): void {
  const missing = names.filter((n) => isCloudFrontGenerated(n) && !GENERATED_HEADER_NAMES.has(n));
  if (missing.length > 0)
    throw new Error(`the local CloudFront does not generate ${missing.join(', ')}; add it to infra/local/src/cloudfront/viewer-facts.ts`);
}

/**
 * The generated headers a behavior's policies name (lowercase names in, `{key, value}` out), in
 * the order named. A name the local CloudFront cannot generate is an error naming it, so a policy
 * change that asks for a new one cannot silently drop it locally.
 */
export function generatedHeaders(
  names: readonly string[],
  facts: ReadonlyMap<string, { readonly key: string; readonly value: string }>,
): { readonly name: string; readonly key: string; readonly value: string }[] {
  return names.filter(isCloudFrontGenerated).map((name) => {
    const fact = facts.get(name);
    if (!fact) throw new Error(`the local CloudFront does not generate ${name}; add it to infra/local/src/cloudfront/viewer-facts.ts`);
    return { name, ...fact };
  });
}
