import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

export interface SiteWebAclProps {
  /** Requests per client IP in any 5-minute window before the rate rule blocks it. */
  readonly rateLimitPer5Minutes: number;
}

const visibility = (metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  metricName,
  sampledRequestsEnabled: true,
});

const managedRuleGroup = (name: string, priority: number): wafv2.CfnWebACL.RuleProperty => ({
  name,
  priority,
  // "none" keeps each managed rule's own action (block); "count" would only observe.
  overrideAction: { none: {} },
  statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
  visibilityConfig: visibility(name),
});

/** The CloudFront web ACL: AWS common and known-bad-inputs rule groups, then a per-IP rate limit. */
export class SiteWebAcl extends Construct {
  readonly webAcl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: SiteWebAclProps) {
    super(scope, id);
    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('StrideSiteWebAcl'),
      rules: [
        managedRuleGroup('AWSManagedRulesCommonRuleSet', 0),
        managedRuleGroup('AWSManagedRulesKnownBadInputsRuleSet', 1),
        {
          name: 'RateLimitPerIp',
          priority: 2,
          action: { block: {} },
          statement: { rateBasedStatement: { limit: props.rateLimitPer5Minutes, aggregateKeyType: 'IP', evaluationWindowSec: 300 } },
          visibilityConfig: visibility('RateLimitPerIp'),
        },
      ],
    });
  }
}
