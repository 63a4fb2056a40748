import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { SYNTH_TIMEOUT_MS, synthStride, type SynthesizedStride } from '../testing/synth-app';

let synth: SynthesizedStride;
let dns: Template;
beforeAll(() => {
  synth = synthStride();
  dns = synth.template('dns');
}, SYNTH_TIMEOUT_MS);

const record = (logicalId: string): Record<string, unknown> =>
  (dns.findResources('AWS::Route53::RecordSet')[logicalId] as { Properties: Record<string, unknown> } | undefined)?.Properties ?? {};

describe('DnsStack', () => {
  it('pins the logical ids of its health checks and records', () => {
    expect(Object.keys(dns.findResources('AWS::Route53::HealthCheck')).sort()).toEqual([
      'PrimaryApiHealthCheck9C5DA2FF',
      'SecondaryApiHealthCheckC9A86BE7',
    ]);
    expect(Object.keys(dns.findResources('AWS::Route53::RecordSet')).sort()).toEqual([
      'ApiPrimaryRecordD9CE0D3D',
      'ApiPrimaryRegionRecord82A10565',
      'ApiSecondaryRecordAEACEEB6',
      'ApiSecondaryRegionRecord5C6FDE98',
      'SiteIpv6Record5F1ED25D',
      'SiteRecordC49845F9',
    ]);
  });

  it.each([
    ['PrimaryApiHealthCheck9C5DA2FF', 'us-east-1'],
    ['SecondaryApiHealthCheckC9A86BE7', 'us-west-1'],
  ])('%s probes %s’s own endpoint /api/ping over HTTPS, not CloudFront, at the configured interval and threshold', (logicalId, region) => {
    const check = dns.findResources('AWS::Route53::HealthCheck')[logicalId] as {
      Properties: { HealthCheckConfig: Record<string, unknown> };
    };
    const config = check.Properties.HealthCheckConfig;
    expect(config).toMatchObject({
      Type: 'HTTPS',
      Port: 443,
      ResourcePath: '/api/ping',
      EnableSNI: true,
      RequestInterval: 30,
      FailureThreshold: 2,
    });
    // <apiId>.execute-api.<region>.amazonaws.com, never the distribution or api.<domain>.
    expect(JSON.stringify(config.FullyQualifiedDomainName)).toContain(`.execute-api.${region}.`);
    expect(JSON.stringify(config.FullyQualifiedDomainName)).not.toMatch(/cloudfront|api\.stride\.test/i);
  });

  it('fails api.stride.test over: PRIMARY → us-east-1, SECONDARY → us-west-1, each gated by its health check', () => {
    const cases = [
      ['ApiPrimaryRecordD9CE0D3D', 'PRIMARY', 'us-east-1', 'PrimaryApiHealthCheck9C5DA2FF'],
      ['ApiSecondaryRecordAEACEEB6', 'SECONDARY', 'us-west-1', 'SecondaryApiHealthCheckC9A86BE7'],
    ] as const;
    for (const [logicalId, failover, region, healthCheck] of cases) {
      expect(record(logicalId)).toMatchObject({
        Name: 'api.stride.test.',
        Type: 'A',
        HostedZoneId: 'Z0TESTZONE0000000000',
        Failover: failover,
        SetIdentifier: `api-${region}`,
        HealthCheckId: { Ref: healthCheck },
        AliasTarget: { EvaluateTargetHealth: true },
      });
    }
    // The primary record's alias target is the us-east-1 custom domain (same-region export);
    // the secondary's comes from us-west-1 through a cross-region reference.
    dns.hasResourceProperties('AWS::Route53::RecordSet', {
      Failover: 'PRIMARY',
      AliasTarget: {
        DNSName: { 'Fn::ImportValue': Match.stringLikeRegexp('^StrideApiPrimary:.*ApiDomainName.*RegionalDomainName') },
        HostedZoneId: Match.anyValue(),
        EvaluateTargetHealth: true,
      },
    });
    dns.hasResourceProperties('AWS::Route53::RecordSet', {
      Failover: 'SECONDARY',
      AliasTarget: {
        DNSName: {
          'Fn::GetAtt': [Match.stringLikeRegexp('^ExportsReader'), Match.stringLikeRegexp('^/cdk/exports/StrideDns/StrideApiSecondary')],
        },
        HostedZoneId: Match.anyValue(),
        EvaluateTargetHealth: true,
      },
    });
  });

  it('gives each region its own name, api-<region>.stride.test: a simple alias to that region’s custom domain, no health check, no failover', () => {
    const cases = [
      ['ApiPrimaryRegionRecord82A10565', 'us-east-1'],
      ['ApiSecondaryRegionRecord5C6FDE98', 'us-west-1'],
    ] as const;
    for (const [logicalId, region] of cases) {
      const properties = record(logicalId);
      expect(properties).toMatchObject({
        Name: `api-${region}.stride.test.`,
        Type: 'A',
        HostedZoneId: 'Z0TESTZONE0000000000',
        AliasTarget: { EvaluateTargetHealth: false },
      });
      for (const key of ['Failover', 'SetIdentifier', 'HealthCheckId', 'TTL']) expect(properties[key], key).toBeUndefined();
      // The alias target is that region's own custom domain, not the failover name's.
      expect(JSON.stringify((properties.AliasTarget as { DNSName: unknown }).DNSName)).toMatch(/RegionalApiDomainName.*RegionalDomainName/);
    }
    expect(JSON.stringify(record('ApiPrimaryRegionRecord82A10565').AliasTarget)).toContain('StrideApiPrimary:');
    expect(JSON.stringify(record('ApiSecondaryRegionRecord5C6FDE98').AliasTarget)).toContain('/cdk/exports/StrideDns/StrideApiSecondary');
  });

  it('points stride.test (A and AAAA) at the CloudFront distribution', () => {
    for (const [logicalId, type] of [
      ['SiteRecordC49845F9', 'A'],
      ['SiteIpv6Record5F1ED25D', 'AAAA'],
    ] as const) {
      expect(record(logicalId)).toMatchObject({
        Name: 'stride.test.',
        Type: type,
        AliasTarget: {
          DNSName: { 'Fn::ImportValue': expect.stringMatching(/^StrideSite:.*Distribution.*DomainName/) },
          HostedZoneId: 'Z2FDTNDATAQYW2',
        },
      });
      expect(record(logicalId).Failover).toBeUndefined();
    }
  });

  it('is deployed after the site and both API stacks', () => {
    expect(synth.stacks.dns.dependencies).toEqual(
      expect.arrayContaining([synth.stacks.site, synth.stacks.apiPrimary, synth.stacks.apiSecondary]),
    );
  });
});
