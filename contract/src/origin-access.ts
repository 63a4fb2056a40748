/**
 * Who may reach a region's API: only CloudFront, which adds a secret header to every request it
 * forwards to the API origin (the value lives in Secrets Manager on AWS, in `.stride/keys` locally).
 * A request without it reached the region around the CDN (on AWS the regional execute-api
 * endpoint, which has no WAF and where anyone can forge `CloudFront-Viewer-Country`) and is
 * refused, except the health checks' ping, which reveals nothing.
 */
export const ORIGIN_VERIFY_HEADER = 'x-stride-origin-verify';

/** The one path Route 53's health checkers call directly, without the header. */
export const HEALTH_CHECK_PATH = '/api/ping';

/** The country header CloudFront sets from the viewer's address (forwarded by the /api/* origin request policy). */
export const VIEWER_COUNTRY_HEADER = 'cloudfront-viewer-country';
