import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { exportJWK } from 'jose';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpApiEvent, TEST_ORIGIN_SECRET } from '../../api/src/apigw-event.fixture';
import { startSecretsManagerStandIn, type SecretsManagerStandIn } from '../../api/src/secrets-manager.fixture';
import { EMAIL_INDEX, TIME_TO_LIVE_ATTRIBUTE } from '../../api/src/table';
import { SYNTH_TIMEOUT_MS, synthStride, testConfig, testConfigInput, type SynthesizedStride } from '../testing/synth-app';

let synth: SynthesizedStride;
let primary: Template;
let secondary: Template;
// The bundle test below runs the real bundle CDK stages, in-process, with exactly the
// environment the stack gives it, its secrets served by a loopback Secrets Manager stand-in with
// real-size keys: it checks the wiring to infra/api/src/env.ts and the bundling (ESM, require
// shim, catalog files, the bundled SDK) without AWS.
let environment: Record<string, string>;
let bundleDir: string;
let secrets: SecretsManagerStandIn;
const savedEnv = { ...process.env };

beforeAll(async () => {
  synth = synthStride();
  primary = synth.template('apiPrimary');
  secondary = synth.template('apiSecondary');
  const functions = synth
    .template('apiSecondary')
    .findResources('AWS::Lambda::Function', { Properties: { Handler: 'index.handler', Runtime: 'nodejs22.x' } });
  const [fn] = Object.values(functions) as { Properties: { Environment: { Variables: Record<string, unknown> } } }[];
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const sessionJwk = { ...(await exportJWK(privateKey)), kid: 'k'.repeat(43), alg: 'RS256', use: 'sig' };
  secrets = await startSecretsManagerStandIn({
    'stride/session-signing-key': JSON.stringify(sessionJwk, null, 2),
    'stride/media-signing-key': privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    'stride/origin-verify': JSON.stringify({ current: TEST_ORIGIN_SECRET }),
  });
  // Values that are CloudFormation references (the media key pair id) get a real-looking value.
  environment = Object.fromEntries(
    Object.entries(fn?.Properties.Environment.Variables ?? {}).map(([name, value]) => [
      name,
      typeof value === 'string' ? value : 'K2JCJMDEHXQW5F',
    ]),
  );
  const assetDirs = readdirSync(synth.assembly.directory).filter(
    (d) => d.startsWith('asset.') && existsSync(path.join(synth.assembly.directory, d, 'index.mjs')),
  );
  expect(assetDirs).toHaveLength(1);
  bundleDir = path.join(synth.assembly.directory, assetDirs[0] as string);
}, SYNTH_TIMEOUT_MS);

afterAll(async () => {
  process.env = savedEnv;
  await secrets.close();
});

const bothRegions = () =>
  [
    ['primary', 'us-east-1', () => primary],
    ['secondary', 'us-west-1', () => secondary],
  ] as const;

describe('ApiStack placement', () => {
  it('runs one stack in us-east-1 and one in us-west-1, the secondary deployed after the primary', () => {
    expect(synth.stacks.apiPrimary.region).toBe('us-east-1');
    expect(synth.stacks.apiSecondary.region).toBe('us-west-1');
    expect(synth.stacks.apiSecondary.dependencies).toContain(synth.stacks.apiPrimary);
  });
});

describe.each(bothRegions())('ApiStack (%s, %s)', (_role, region, template) => {
  it('runs the API handler module with the configured memory, timeout and reserved concurrency', () => {
    template().hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.handler',
      Runtime: 'nodejs22.x',
      MemorySize: 768,
      Timeout: 12,
      ReservedConcurrentExecutions: 40,
    });
  });

  it('hands the handler every variable infra/api reads: the secrets by name, never their values', () => {
    template().hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: {
          STRIDE_TABLE_NAME: 'stride-api',
          STRIDE_SESSION_SIGNING_KEY_SECRET: 'stride/session-signing-key',
          STRIDE_MEDIA_PRIVATE_KEY_SECRET: 'stride/media-signing-key',
          STRIDE_MEDIA_KEY_PAIR_ID: Match.anyValue(),
          STRIDE_MEDIA_RESOURCE_BASE: 'https://stride.test/media',
          STRIDE_MEDIA_COOKIE_TTL_SECONDS: '3600',
          STRIDE_ORIGIN_VERIFY_SECRET: 'stride/origin-verify',
        },
      },
    });
    expect(JSON.stringify(template().toJSON())).not.toContain('resolve:secretsmanager');
  });

  it('serves the live release’s catalog from the primary site bucket: its name and region in the environment, GetObject on releases/* only', () => {
    template().hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.handler',
      Environment: {
        Variables: Match.objectLike({ STRIDE_RELEASE_BUCKET: 'stride-site-123456789012-us-east-1', STRIDE_RELEASE_REGION: 'us-east-1' }),
      },
    });
    const statements = Object.values(template().findResources('AWS::IAM::Policy')).flatMap(
      (policy) =>
        (policy as { Properties: { PolicyDocument: { Statement: { Sid?: string; Action: unknown; Resource: unknown }[] } } }).Properties
          .PolicyDocument.Statement,
    );
    const onSite = statements.filter((statement) => JSON.stringify(statement.Resource).includes('stride-site-'));
    expect(onSite).toEqual([
      {
        Sid: 'ReadLiveRelease',
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::stride-site-123456789012-us-east-1/releases/*']] },
      },
    ]);
  });

  it('lets the handler read exactly its three secrets (session key, media key, origin-verify) in its own region', () => {
    const secretArn = (name: string) => ({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:secretsmanager:${region}:123456789012:secret:${name}-??????`]],
    });
    for (const name of ['stride/session-signing-key', 'stride/media-signing-key', 'stride/origin-verify']) {
      template().hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            { Effect: 'Allow', Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Resource: secretArn(name) },
          ]),
        },
      });
    }
    const statements = Object.values(template().findResources('AWS::IAM::Policy')).flatMap(
      (policy) =>
        (policy as { Properties: { PolicyDocument: { Statement: { Action: string | string[] }[] } } }).Properties.PolicyDocument.Statement,
    );
    expect(statements.filter((statement) => [statement.Action].flat().some((action) => action.startsWith('secretsmanager:')))).toHaveLength(
      3,
    );
  });

  it('serves api.stride.test on a regional custom domain with a DNS-validated certificate of its own', () => {
    template().hasResourceProperties('AWS::CertificateManager::Certificate', {
      DomainName: 'api.stride.test',
      ValidationMethod: 'DNS',
      DomainValidationOptions: [{ DomainName: 'api.stride.test', HostedZoneId: 'Z0TESTZONE0000000000' }],
    });
    template().hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainName: 'api.stride.test',
      DomainNameConfigurations: [
        { CertificateArn: { Ref: Match.stringLikeRegexp('^ApiCertificate') }, EndpointType: 'REGIONAL', SecurityPolicy: 'TLS_1_2' },
      ],
    });
    template().hasResourceProperties('AWS::ApiGatewayV2::ApiMapping', {
      ApiId: { Ref: Match.stringLikeRegexp('^HttpApi') },
      DomainName: { Ref: Match.stringLikeRegexp('^ApiDomainName') },
      Stage: '$default',
    });
  });

  it('serves api-<region>.stride.test, this region alone, on a regional custom domain with a DNS-validated certificate of its own', () => {
    const name = `api-${region}.stride.test`;
    template().templateMatches({
      Resources: {
        RegionalApiCertificate131CAB59: {
          Type: 'AWS::CertificateManager::Certificate',
          Properties: {
            DomainName: name,
            ValidationMethod: 'DNS',
            DomainValidationOptions: [{ DomainName: name, HostedZoneId: 'Z0TESTZONE0000000000' }],
          },
        },
        RegionalApiDomainNameF9D3343F: {
          Type: 'AWS::ApiGatewayV2::DomainName',
          Properties: {
            DomainName: name,
            DomainNameConfigurations: [
              { CertificateArn: { Ref: 'RegionalApiCertificate131CAB59' }, EndpointType: 'REGIONAL', SecurityPolicy: 'TLS_1_2' },
            ],
          },
        },
        RegionalApiMappingBA14ABDE: {
          Type: 'AWS::ApiGatewayV2::ApiMapping',
          Properties: {
            ApiId: { Ref: Match.stringLikeRegexp('^HttpApi') },
            DomainName: { Ref: 'RegionalApiDomainNameF9D3343F' },
            Stage: '$default',
          },
        },
      },
    });
  });

  it('pins the logical ids of its certificates, custom domains and mappings', () => {
    const ids = (type: string) => Object.keys(template().findResources(type)).sort();
    expect(ids('AWS::CertificateManager::Certificate')).toEqual(['ApiCertificate1D5B2B3B', 'RegionalApiCertificate131CAB59']);
    expect(ids('AWS::ApiGatewayV2::DomainName')).toEqual(['ApiDomainNameEB571102', 'RegionalApiDomainNameF9D3343F']);
    expect(ids('AWS::ApiGatewayV2::ApiMapping')).toEqual(['ApiMapping8F180979', 'RegionalApiMappingBA14ABDE']);
  });

  it('routes GET /api/ping and every other /api path to the handler with payload format 2.0', () => {
    template().hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP' });
    template().hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'GET /api/ping' });
    template().hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'ANY /api/{proxy+}' });
    template().resourcePropertiesCountIs(
      'AWS::ApiGatewayV2::Integration',
      { IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' },
      1,
    );
    template().hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: {
        DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AccessLogs'), 'Arn'] },
        Format: Match.stringLikeRegexp('requestId'),
      },
    });
  });

  it('alarms on 5xx answers, handler errors and throttles', () => {
    template().hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/ApiGateway',
      MetricName: '5xx',
      Dimensions: [{ Name: 'ApiId', Value: { Ref: Match.stringLikeRegexp('^HttpApi') } }],
      Threshold: 5,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^AlarmTopic') }],
    });
    template().hasResourceProperties('AWS::CloudWatch::Alarm', { Namespace: 'AWS/Lambda', MetricName: 'Throttles', Threshold: 1 });
    template().hasResourceProperties('AWS::CloudWatch::Alarm', { Namespace: 'AWS/Lambda', MetricName: 'Errors', Threshold: 5 });
  });

  it('lets the handler get, put, query and delete in this region’s copy of the table and its named index, nothing more', () => {
    const tableArn =
      region === 'us-east-1'
        ? { 'Fn::GetAtt': ['TableCD117FA1', 'Arn'] }
        : { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':dynamodb:us-west-1:123456789012:table/stride-api']] };
    const indexArn =
      region === 'us-east-1'
        ? { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['TableCD117FA1', 'Arn'] }, `/index/${EMAIL_INDEX}`]] }
        : {
            'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:dynamodb:us-west-1:123456789012:table/stride-api/index/${EMAIL_INDEX}`]],
          };
    template().hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Effect: 'Allow',
            Action: ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem'],
            Resource: [tableArn, indexArn],
          },
        ]),
      },
    });
    const statements = Object.values(template().findResources('AWS::IAM::Policy')).flatMap(
      (policy) =>
        (policy as { Properties: { PolicyDocument: { Statement: { Action: string | string[] }[] } } }).Properties.PolicyDocument.Statement,
    );
    const dynamoActions = statements.flatMap((statement) => [statement.Action].flat()).filter((action) => action.startsWith('dynamodb:'));
    expect(dynamoActions.sort()).toEqual([
      'dynamodb:DeleteItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
    ]);
  });
});

describe('the global table', () => {
  it('is created once, by the primary, with its logical id pinned and a replica in each region', () => {
    expect(Object.keys(primary.findResources('AWS::DynamoDB::GlobalTable'))).toEqual(['TableCD117FA1']);
    secondary.resourceCountIs('AWS::DynamoDB::GlobalTable', 0);
    primary.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        TableName: 'stride-api',
        BillingMode: 'PAY_PER_REQUEST',
      }),
    });
    for (const region of ['us-east-1', 'us-west-1']) {
      primary.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
        Replicas: Match.arrayWith([
          Match.objectLike({
            Region: region,
            DeletionProtectionEnabled: true,
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          }),
        ]),
      });
    }
    expect(
      (primary.findResources('AWS::DynamoDB::GlobalTable').TableCD117FA1 as { Properties: { Replicas: unknown[] } }).Properties.Replicas,
    ).toHaveLength(2);
  });

  it('has the keys and index the API module describes (infra/api/src/table.ts)', () => {
    primary.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: Match.arrayWith([
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ]),
      GlobalSecondaryIndexes: [
        Match.objectLike({
          IndexName: EMAIL_INDEX,
          KeySchema: [{ AttributeName: 'email', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'ALL' },
        }),
      ],
    });
  });

  it('expires throttle counters and device codes by the TTL attribute the API writes', () => {
    primary.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      TimeToLiveSpecification: { AttributeName: TIME_TO_LIVE_ATTRIBUTE, Enabled: true },
    });
  });
});

describe('the SRE kill switch', () => {
  it(
    'reserves 0 concurrency when configured so, and reserves none when null',
    () => {
      const killed = synthStride(testConfig({ api: { ...testConfigInput.api, reservedConcurrency: 0 } }));
      killed
        .template('apiSecondary')
        .hasResourceProperties('AWS::Lambda::Function', { Handler: 'index.handler', ReservedConcurrentExecutions: 0 });
      const open = synthStride(testConfig({ api: { ...testConfigInput.api, reservedConcurrency: null } }));
      open
        .template('apiPrimary')
        .hasResourceProperties('AWS::Lambda::Function', { Handler: 'index.handler', ReservedConcurrentExecutions: Match.absent() });
    },
    2 * SYNTH_TIMEOUT_MS,
  );
});

describe('the API bundle CDK deploys', () => {
  it('carries the catalog the handler reads at cold start', () => {
    const programs = readdirSync(path.join(bundleDir, 'content', 'programs'));
    expect(programs).toEqual(
      readdirSync(path.join(import.meta.dirname, '..', '..', '..', 'web', 'content', 'programs')).filter((f) => f.endsWith('.json')),
    );
  });

  it('keeps its environment small and free of key material (Lambda allows 4 KB)', () => {
    const size = Object.entries(environment).reduce((sum, [name, value]) => sum + Buffer.byteLength(name) + Buffer.byteLength(value), 0);
    expect(size, `${size} bytes`).toBeLessThan(1024);
    expect(Object.values(environment).join('\n')).not.toMatch(/PRIVATE KEY|"d"\s*:/);
  });

  it('answers GET /api/ping in its region given only the stack’s environment and its secrets', async () => {
    process.env = {
      PATH: savedEnv.PATH,
      ...environment,
      AWS_REGION: 'us-west-1',
      LAMBDA_TASK_ROOT: bundleDir,
      // What the Lambda runtime provides, and where the bundled SDK finds Secrets Manager here.
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.endpoint,
    };
    const module = (await import(pathToFileURL(path.join(bundleDir, 'index.mjs')).href)) as {
      handler: (event: unknown) => Promise<{ statusCode: number; headers: Record<string, string>; body: string }>;
    };
    const result = await module.handler(httpApiEvent('GET', '/api/ping'));
    expect(result.statusCode).toBe(200);
    expect(result.headers['x-stride-region']).toBe('us-west-1');
    expect(JSON.parse(result.body)).toMatchObject({ status: 'ok', region: 'us-west-1' });
    expect([...new Set(secrets.requests)].sort()).toEqual([
      'stride/media-signing-key',
      'stride/origin-verify',
      'stride/session-signing-key',
    ]);
    // Anything but the ping needs the header CloudFront adds from the same secret.
    expect((await module.handler(httpApiEvent('GET', '/api/me', { via: 'direct' }))).statusCode).toBe(403);
    expect((await module.handler(httpApiEvent('GET', '/api/me', { via: 'cloudfront' }))).statusCode).toBe(401);
  });
});

describe('fault injection for the drills (AWS FIS extension)', () => {
  it('gives the primary function the FIS extension layer, its exec wrapper and config location, and read on that prefix only', () => {
    primary.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.handler',
      Layers: Match.arrayWith([{ Ref: Match.stringLikeRegexp('FisExtensionLayer|SsmParameterValue') }]),
      Environment: {
        Variables: Match.objectLike({
          AWS_LAMBDA_EXEC_WRAPPER: '/opt/aws-fis/bootstrap',
          AWS_FIS_CONFIGURATION_LOCATION: {
            'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::stride-fis-config-123456789012-us-east-1/FisConfigs/']],
          },
        }),
      },
    });
    const statements = Object.values(primary.findResources('AWS::IAM::Policy')).flatMap(
      (policy) =>
        (policy as { Properties: { PolicyDocument: { Statement: { Action: unknown; Resource: unknown; Condition?: unknown }[] } } })
          .Properties.PolicyDocument.Statement,
    );
    const onFis = statements.filter((statement) => JSON.stringify(statement.Resource).includes('stride-fis-config-'));
    expect(onFis.map((statement) => statement.Action).sort()).toEqual(['s3:GetObject', 's3:ListBucket']);
    expect(JSON.stringify(onFis.find((statement) => statement.Action === 's3:GetObject')?.Resource)).toContain(
      'stride-fis-config-123456789012-us-east-1/FisConfigs/*',
    );
    expect(onFis.find((statement) => statement.Action === 's3:ListBucket')?.Condition).toEqual({
      StringLike: { 's3:prefix': ['FisConfigs/*'] },
    });
  });

  it('leaves the secondary function without it (the drills fault the primary)', () => {
    const variables = Object.values(secondary.findResources('AWS::Lambda::Function', { Properties: { Handler: 'index.handler' } })).map(
      (fn) => (fn as { Properties: { Environment: { Variables: Record<string, unknown> } } }).Properties.Environment.Variables,
    );
    expect(variables).toHaveLength(1);
    expect(variables[0]).not.toHaveProperty('AWS_LAMBDA_EXEC_WRAPPER');
  });
});
