import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/**
 * The header CloudFront adds with the viewer's address and port, when the origin request policy
 * forwards it: `198.51.100.10:46532`, or for IPv6 `2001:db8:1::1:46532` (no brackets)
 * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/adding-cloudfront-headers.html).
 * API Gateway lowercases header names in payload 2.0 events.
 */
export const VIEWER_ADDRESS_HEADER = 'cloudfront-viewer-address';

/** Expands an IPv6 address to its 8 groups, or undefined when it is not one. */
function ipv6Groups(address: string): string[] | undefined {
  if (!/^[0-9a-f:]+$/i.test(address) || address.split('::').length > 2) return undefined;
  const [head = '', tail] = address.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return undefined;
  const groups = [...left, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...right];
  return groups.every((g) => /^[0-9a-f]{1,4}$/i.test(g)) ? groups.map((g) => g.toLowerCase().replace(/^0+(?=.)/, '')) : undefined;
}

/**
 * The key failed attempts are counted under for a client: an IPv4 address as is; an IPv6 address
 * by its /64 prefix (one subscriber usually holds a whole /64, so counting single addresses would
 * let one client rotate through 2^64 of them).
 */
export function addressKey(address: string): string | undefined {
  const trimmed = address.trim();
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(trimmed)) return trimmed;
  const groups = ipv6Groups(trimmed);
  return groups ? `${groups.slice(0, 4).join(':')}::/64` : undefined;
}

/** Strips the `:port` CloudFront appends. */
function withoutPort(value: string): string {
  const cut = value.lastIndexOf(':');
  return cut > 0 ? value.slice(0, cut) : value;
}

/**
 * The client's address key: CloudFront's `CloudFront-Viewer-Address` when present (the API only
 * serves requests that came through CloudFront, which sets the header itself, so a viewer cannot
 * choose it), else the connection's source address as API Gateway saw it.
 */
export function clientAddress(event: APIGatewayProxyEventV2): string {
  const viewer = event.headers[VIEWER_ADDRESS_HEADER];
  const fromViewer = viewer ? addressKey(withoutPort(viewer)) : undefined;
  return fromViewer ?? addressKey(event.requestContext.http.sourceIp) ?? event.requestContext.http.sourceIp.slice(0, 64);
}
