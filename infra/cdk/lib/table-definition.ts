import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';

/** The key and index parts of a TableV2, read from the API's own table description. */
export interface TableShape {
  readonly partitionKey: dynamodb.Attribute;
  readonly sortKey?: dynamodb.Attribute;
  readonly globalSecondaryIndexes: dynamodb.GlobalSecondaryIndexPropsV2[];
}

const ATTRIBUTE_TYPES: Readonly<Record<string, dynamodb.AttributeType>> = {
  S: dynamodb.AttributeType.STRING,
  N: dynamodb.AttributeType.NUMBER,
  B: dynamodb.AttributeType.BINARY,
};

const PROJECTIONS: Readonly<Record<string, dynamodb.ProjectionType>> = {
  ALL: dynamodb.ProjectionType.ALL,
  KEYS_ONLY: dynamodb.ProjectionType.KEYS_ONLY,
  INCLUDE: dynamodb.ProjectionType.INCLUDE,
};

/**
 * Translates the API's `tableDefinition` (the one description the local stack also creates its
 * table from) into TableV2 props, so the deployed table cannot drift from the local one.
 * Anything it cannot express is an error naming the part, never a silent default.
 */
export function tableShape(definition: CreateTableCommandInput): TableShape {
  const source = `table ${definition.TableName ?? '(unnamed)'}`;
  const attribute = (name: string | undefined, where: string): dynamodb.Attribute => {
    if (!name) throw new Error(`${source}: ${where} has no AttributeName`);
    const declared = definition.AttributeDefinitions?.find((a) => a.AttributeName === name);
    const type = declared?.AttributeType ? ATTRIBUTE_TYPES[declared.AttributeType] : undefined;
    if (!type) throw new Error(`${source}: ${where} uses attribute "${name}", which AttributeDefinitions does not declare as S, N or B`);
    return { name, type };
  };
  const keys = (schema: CreateTableCommandInput['KeySchema'], where: string) => {
    const hash = schema?.filter((k) => k.KeyType === 'HASH') ?? [];
    const range = schema?.filter((k) => k.KeyType === 'RANGE') ?? [];
    if (hash.length !== 1 || range.length > 1)
      throw new Error(`${source}: ${where} KeySchema must have one HASH key and at most one RANGE key`);
    const sortKey = range[0] ? attribute(range[0].AttributeName, `${where} RANGE key`) : undefined;
    return { partitionKey: attribute(hash[0]?.AttributeName, `${where} HASH key`), ...(sortKey ? { sortKey } : {}) };
  };
  if (definition.LocalSecondaryIndexes?.length) throw new Error(`${source}: local secondary indexes are not translated yet`);
  if (definition.BillingMode !== 'PAY_PER_REQUEST')
    throw new Error(`${source}: BillingMode must be PAY_PER_REQUEST (got ${String(definition.BillingMode)})`);

  const globalSecondaryIndexes = (definition.GlobalSecondaryIndexes ?? []).map((index): dynamodb.GlobalSecondaryIndexPropsV2 => {
    const where = `index ${index.IndexName ?? '(unnamed)'}`;
    if (!index.IndexName) throw new Error(`${source}: a global secondary index has no IndexName`);
    const projectionType = PROJECTIONS[index.Projection?.ProjectionType ?? 'ALL'];
    if (!projectionType) throw new Error(`${source}: ${where} has unknown ProjectionType ${String(index.Projection?.ProjectionType)}`);
    return {
      indexName: index.IndexName,
      ...keys(index.KeySchema, where),
      projectionType,
      ...(projectionType === dynamodb.ProjectionType.INCLUDE ? { nonKeyAttributes: index.Projection?.NonKeyAttributes ?? [] } : {}),
    };
  });
  return { ...keys(definition.KeySchema, 'table'), globalSecondaryIndexes };
}
