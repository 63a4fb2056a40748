import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as targets from 'aws-cdk-lib/aws-route53-targets';
import type { Construct } from 'constructs';

/** What DNS needs of one region's API. */
export interface RegionalApiEndpoint {
  readonly region: string;
  /** <apiId>.execute-api.<region>.amazonaws.com: the health checks probe it directly. */
  readonly executeApiHost: string;
  /** The custom domain's regional target (d-….execute-api.<region>.amazonaws.com) and its zone. */
  readonly regionalDomainName: string;
  readonly regionalHostedZoneId: string;
  /** This region's own API name (api-<region>.<domain>) and its custom domain's regional target. */
  readonly own: { readonly domainName: string; readonly regionalDomainName: string; readonly regionalHostedZoneId: string };
}

export interface DnsStackProps extends StackProps {
  readonly domainName: string;
  readonly apiDomainName: string;
  readonly hostedZone: { readonly id: string; readonly name: string };
  readonly distribution: cloudfront.IDistribution;
  readonly primary: RegionalApiEndpoint;
  readonly secondary: RegionalApiEndpoint;
  readonly healthCheck: { readonly intervalSeconds: number; readonly failureThreshold: number };
}

/**
 * Route 53: a health check per API region on its own `/api/ping`, failover alias records for
 * api.<domain> (PRIMARY → primary region, SECONDARY → secondary), each region's own name
 * (api-<region>.<domain>, a simple alias: CloudFront's region-pinned origins and API origin group),
 * and the site's alias to CloudFront.
 */
export class DnsStack extends Stack {
  readonly healthChecks: Readonly<Record<'primary' | 'secondary', route53.HealthCheck>>;

  constructor(scope: Construct, id: string, props: DnsStackProps) {
    super(scope, id, props);
    const zone = route53.HostedZone.fromHostedZoneAttributes(this, 'HostedZone', {
      hostedZoneId: props.hostedZone.id,
      zoneName: props.hostedZone.name,
    });

    const healthCheck = (constructId: string, endpoint: RegionalApiEndpoint): route53.HealthCheck =>
      new route53.HealthCheck(this, constructId, {
        type: route53.HealthCheckType.HTTPS,
        fqdn: endpoint.executeApiHost,
        port: 443,
        resourcePath: '/api/ping',
        enableSNI: true,
        requestInterval: Duration.seconds(props.healthCheck.intervalSeconds),
        failureThreshold: props.healthCheck.failureThreshold,
      });
    this.healthChecks = {
      primary: healthCheck('PrimaryApiHealthCheck', props.primary),
      secondary: healthCheck('SecondaryApiHealthCheck', props.secondary),
    };

    const failoverRecord = (
      constructId: string,
      endpoint: RegionalApiEndpoint,
      failover: route53.Failover,
      check: route53.HealthCheck,
    ): void => {
      new route53.ARecord(this, constructId, {
        zone,
        recordName: props.apiDomainName,
        // The record's health check decides failover; evaluating the alias target too is what
        // Route 53 requires of failover aliases.
        target: route53.RecordTarget.fromAlias({
          bind: () => ({ dnsName: endpoint.regionalDomainName, hostedZoneId: endpoint.regionalHostedZoneId, evaluateTargetHealth: true }),
        }),
        failover,
        setIdentifier: `api-${endpoint.region}`,
        healthCheck: check,
      });
    };
    failoverRecord('ApiPrimaryRecord', props.primary, route53.Failover.PRIMARY, this.healthChecks.primary);
    failoverRecord('ApiSecondaryRecord', props.secondary, route53.Failover.SECONDARY, this.healthChecks.secondary);

    // Each region's own name: a simple alias to that region's custom domain, no health check and no
    // failover (CloudFront's origin group does the failing over for the paths that use them).
    // Not evaluating the target's health: a region answering 5xx must still be reachable by name.
    const regionRecord = (constructId: string, endpoint: RegionalApiEndpoint): void => {
      new route53.ARecord(this, constructId, {
        zone,
        recordName: endpoint.own.domainName,
        target: route53.RecordTarget.fromAlias({
          bind: () => ({
            dnsName: endpoint.own.regionalDomainName,
            hostedZoneId: endpoint.own.regionalHostedZoneId,
            evaluateTargetHealth: false,
          }),
        }),
      });
    };
    regionRecord('ApiPrimaryRegionRecord', props.primary);
    regionRecord('ApiSecondaryRegionRecord', props.secondary);

    // CloudFront's fixed alias zone, written out: CloudFrontTarget would add an unused mapping to the Site stack.
    const siteTarget = route53.RecordTarget.fromAlias({
      bind: () => ({ dnsName: props.distribution.distributionDomainName, hostedZoneId: targets.CloudFrontTarget.CLOUDFRONT_ZONE_ID }),
    });
    new route53.ARecord(this, 'SiteRecord', { zone, recordName: props.domainName, target: siteTarget });
    new route53.AaaaRecord(this, 'SiteIpv6Record', { zone, recordName: props.domainName, target: siteTarget });
  }
}
