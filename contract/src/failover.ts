/**
 * When DNS flips: Route 53's failover semantics and Stride's settings for them, used by the CDK
 * DNS stack (on AWS), the local Route 53 (which emulates AWS), and the drills that measure it.
 *
 * Route 53 health checks (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-determining-health-of-endpoints.html):
 * each checker probes every `requestInterval` (10 or 30 s), a checker changes its mind after
 * `failureThreshold` consecutive opposite results, and the endpoint is healthy while more than
 * 18 % of the checkers say so. Resolvers then keep the old answer for the record's TTL.
 */

/** The two request intervals Route 53 offers (seconds): standard and fast. */
export const ROUTE53_INTERVALS_SECONDS = [10, 30] as const;

/** Route 53 calls an endpoint healthy when more than this share of its checkers say so. */
export const HEALTHY_FRACTION = 0.18;

export interface FailoverSettings {
  readonly intervalSeconds: number;
  readonly failureThreshold: number;
  /** TTL of the failover records (seconds). */
  readonly ttlSeconds: number;
}

/** AWS's defaults: a 30 s interval, a threshold of 3, and the 60 s TTL Stride's records use. */
export const AWS_DEFAULT_FAILOVER: FailoverSettings = { intervalSeconds: 30, failureThreshold: 3, ttlSeconds: 60 };

/**
 * The longest a region can be down before every resolver answers with the other one: checkers
 * need `failureThreshold` failed probes (up to one interval late to start), then cached answers
 * live out their TTL. With AWS's defaults: 30 × (3 + 1) + 60 = 180 s.
 */
export const worstCaseFlipSeconds = (s: FailoverSettings): number => s.intervalSeconds * (s.failureThreshold + 1) + s.ttlSeconds;
