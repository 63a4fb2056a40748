import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { describe, expect, it } from 'vitest';
import { EMAIL_INDEX, tableDefinition } from '../../api/src/table';
import { tableShape } from './table-definition';

describe('tableShape', () => {
  it('translates the API table module into TableV2 keys and indexes', () => {
    const shape = tableShape(tableDefinition('stride-api'));
    expect(shape.partitionKey).toEqual({ name: 'pk', type: dynamodb.AttributeType.STRING });
    expect(shape.sortKey).toEqual({ name: 'sk', type: dynamodb.AttributeType.STRING });
    expect(shape.globalSecondaryIndexes).toEqual([
      {
        indexName: EMAIL_INDEX,
        partitionKey: { name: 'email', type: dynamodb.AttributeType.STRING },
        projectionType: dynamodb.ProjectionType.ALL,
      },
    ]);
  });

  it('translates numeric keys, sort-less indexes and INCLUDE projections', () => {
    const shape = tableShape({
      TableName: 't',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'id', AttributeType: 'N' },
        { AttributeName: 'g', AttributeType: 'S' },
      ],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byG',
          KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['x'] },
        },
      ],
    });
    expect(shape.partitionKey).toEqual({ name: 'id', type: dynamodb.AttributeType.NUMBER });
    expect(shape.sortKey).toBeUndefined();
    expect(shape.globalSecondaryIndexes[0]).toMatchObject({
      indexName: 'byG',
      projectionType: dynamodb.ProjectionType.INCLUDE,
      nonKeyAttributes: ['x'],
    });
  });

  it.each([
    [
      'an undeclared key attribute',
      { AttributeDefinitions: [], GlobalSecondaryIndexes: [], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }] },
      /table x: table HASH key uses attribute "pk", which AttributeDefinitions does not declare/,
    ],
    [
      'two HASH keys',
      {
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'HASH' },
        ],
      },
      /table KeySchema must have one HASH key/,
    ],
    ['provisioned billing', { BillingMode: 'PROVISIONED' }, /BillingMode must be PAY_PER_REQUEST/],
    [
      'a local index',
      { LocalSecondaryIndexes: [{ IndexName: 'l', KeySchema: [], Projection: {} }] },
      /local secondary indexes are not translated/,
    ],
  ])('rejects %s with a message naming it', (_what, override, message) => {
    expect(() => tableShape({ ...tableDefinition('x'), ...override } as Parameters<typeof tableShape>[0])).toThrow(message);
  });
});
