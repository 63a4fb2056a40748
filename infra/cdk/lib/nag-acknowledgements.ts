import { NagSuppressions } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import type { StrideStacks } from './stride-stacks';

export interface NagAcknowledgement {
  /** The AwsSolutions rule, e.g. AwsSolutions-IAM5. */
  readonly id: string;
  /** Why the finding is accepted here; read by whoever reviews the next finding. */
  readonly reason: string;
  /** For granular rules: which findings (regexes over cdk-nag's `Resource::…`/`Policy::…` strings). */
  readonly appliesTo?: readonly string[];
  /** The constructs it covers (and their children). */
  readonly scopes: readonly IConstruct[];
}

const RUNTIME_REASON =
  'nodejs22.x on purpose: it is the newest runtime Lambda@Edge accepts, and the API runs the same runtime so edge and API code share one Node target; move both when Lambda@Edge supports the next LTS.';

/**
 * Every cdk-nag AwsSolutions finding Stride accepts, each with its reason. The cdk-nag test fails
 * on any finding not listed here.
 */
export function nagAcknowledgements(stacks: StrideStacks): readonly NagAcknowledgement[] {
  const api = [stacks.apiPrimary, stacks.apiSecondary];
  return [
    {
      id: 'AwsSolutions-IAM5',
      reason:
        "Lambda@Edge writes logs to /aws/lambda/us-east-1.<function name> in whichever region served the request, so the log group ARN needs a region wildcard; the name is fixed to this stack's functions.",
      appliesTo: ['^Resource::arn:<AWS::Partition>:logs:\\*:\\d{12}:log-group:/aws/lambda/us-east-1\\.StrideEdge-\\*$'],
      scopes: [stacks.edge.node.findChild('EdgeFunctionRole')],
    },
    {
      id: 'AwsSolutions-L1',
      reason: RUNTIME_REASON,
      scopes: [...Object.values(stacks.edge.functions).map((fn) => fn.function), ...api.map((stack) => stack.handler.function)],
    },
    {
      id: 'AwsSolutions-IAM5',
      reason:
        'The S3 replication role CDK generates must read every object version of the site bucket and write every key of the replica (object ARNs end in /*); it is limited to those two buckets.',
      appliesTo: [
        '^Resource::<SiteBucket[0-9A-F]{8}\\.Arn>/\\*$',
        '^Resource::arn:<AWS::Partition>:s3:::stride-site-replica-\\d{12}-[a-z0-9-]+/\\*$',
      ],
      scopes: [stacks.site.siteBucket.node.findChild('ReplicationRole')],
    },
    {
      id: 'AwsSolutions-IAM5',
      reason:
        'The S3 replication role CDK generates must read every object version of the media bucket and write every key of the media replica (object ARNs end in /*); it is limited to those two buckets.',
      appliesTo: [
        '^Resource::<MediaBucket[0-9A-F]{8}\\.Arn>/\\*$',
        '^Resource::arn:<AWS::Partition>:s3:::stride-media-replica-\\d{12}-[a-z0-9-]+/\\*$',
      ],
      scopes: [stacks.site.mediaBucket.node.findChild('ReplicationRole')],
    },
    {
      id: 'AwsSolutions-IAM5',
      reason:
        "The AWS FIS extension reads the fault settings FIS writes for a drill, under names FIS chooses, so the object ARN ends in a wildcard; it is limited to the FisConfigs/ prefix of the drills' config bucket, and only the primary's function has it.",
      appliesTo: ['^Resource::arn:<AWS::Partition>:s3:::stride-fis-config-\\d{12}-[a-z0-9-]+/FisConfigs/\\*$'],
      scopes: [stacks.apiPrimary.handler],
    },
    {
      id: 'AwsSolutions-IAM5',
      reason:
        'The viewer-request function and the API read the live release: releases/live.json, then the manifest of whichever release it names (releases/<id>/release.json, ids minted at publish), so the object ARN ends in a wildcard; it is s3:GetObject on the releases/ prefix of the site bucket only.',
      appliesTo: ['^Resource::arn:<AWS::Partition>:s3:::stride-site-\\d{12}-[a-z0-9-]+/releases/\\*$'],
      scopes: [stacks.edge.node.findChild('EdgeFunctionRole'), ...api.map((stack) => stack.handler)],
    },
    {
      id: 'AwsSolutions-APIG4',
      reason:
        'The API authorizes in the handler: it verifies the stride_session JWT (the same one the edge checks) on protected routes, and /api/ping, sign-in and the catalog are public by design. An API Gateway authorizer would duplicate that check.',
      scopes: api.map((stack) => stack.httpApi),
    },
    {
      id: 'AwsSolutions-CFR1',
      reason:
        'Licences are per program, not per distribution: the viewer-request function answers 451 for a program page or page data outside its licensed countries, and the API refuses playback (451) from the CloudFront-Viewer-Country that CloudFront sets and the /api/* origin request policy forwards (the API accepts only requests carrying the origin-verify header). A distribution-wide geo restriction would block every program, and the catalog, in a country where only some are unlicensed.',
      scopes: [stacks.site.distribution],
    },
  ];
}

/** Attaches the acknowledgements as cdk-nag suppressions (template metadata only). */
export function acknowledgeNagFindings(stacks: StrideStacks): readonly NagAcknowledgement[] {
  const acknowledgements = nagAcknowledgements(stacks);
  for (const ack of acknowledgements) {
    for (const scope of ack.scopes) {
      NagSuppressions.addResourceSuppressions(
        scope,
        [
          {
            id: ack.id,
            reason: ack.reason,
            ...(ack.appliesTo ? { appliesTo: ack.appliesTo.map((regex) => ({ regex: `/${regex}/` })) } : {}),
          },
        ],
        true,
      );
    }
  }
  return acknowledgements;
}
