import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/** One item a write touched: its table and its primary key (marshalled, as on the wire). */
export interface WrittenKey {
  readonly table: string;
  readonly key: Record<string, AttributeValue>;
}

type Item = Record<string, AttributeValue>;
interface WriteInput {
  TableName?: string;
  Item?: Item;
  Key?: Item;
  RequestItems?: Record<string, { PutRequest?: { Item?: Item }; DeleteRequest?: { Key?: Item } }[]>;
  TransactItems?: { Put?: WriteInput; Update?: WriteInput; Delete?: WriteInput }[];
}

/** Names of the key attributes of each table (from its KeySchema). */
export type KeyNames = (table: string) => readonly string[];

const pick = (item: Item | undefined, names: readonly string[]): Item | undefined => {
  if (!item) return undefined;
  const key: Item = {};
  for (const name of names) {
    const value = item[name];
    if (value === undefined) return undefined;
    key[name] = value;
  }
  return key;
};

/**
 * The items a successful DynamoDB write command changed, read from its (marshalled) input: what a
 * DynamoDB stream would carry as the keys of its records. Reads (Get, Query, Scan, ConditionCheck)
 * change nothing and give none. `unsupported` names a write whose items cannot be known from its
 * input (PartiQL), so the caller can refuse it rather than silently not replicate it.
 */
export function writtenKeys(commandName: string, input: unknown, keyNames: KeyNames): WrittenKey[] | 'unsupported' {
  const write = input as WriteInput;
  const one = (w: WriteInput | undefined, from: 'Item' | 'Key'): WrittenKey[] => {
    if (!w?.TableName) return [];
    const key = pick(w[from], keyNames(w.TableName));
    return key ? [{ table: w.TableName, key }] : [];
  };
  switch (commandName) {
    case 'PutItemCommand':
      return one(write, 'Item');
    case 'UpdateItemCommand':
    case 'DeleteItemCommand':
      return one(write, 'Key');
    case 'BatchWriteItemCommand':
      return Object.entries(write.RequestItems ?? {}).flatMap(([table, requests]) =>
        requests.flatMap((r) => {
          const key = pick(r.PutRequest?.Item ?? r.DeleteRequest?.Key, keyNames(table));
          return key ? [{ table, key }] : [];
        }),
      );
    case 'TransactWriteItemsCommand':
      return (write.TransactItems ?? []).flatMap((t) => [...one(t.Put, 'Item'), ...one(t.Update, 'Key'), ...one(t.Delete, 'Key')]);
    case 'ExecuteStatementCommand':
    case 'BatchExecuteStatementCommand':
    case 'ExecuteTransactionCommand':
      return 'unsupported';
    default:
      return [];
  }
}

/** A stable text id for an item's key (attribute order fixed by the key schema). */
export function keyId(written: WrittenKey, keyNames: KeyNames): string {
  return JSON.stringify([written.table, ...keyNames(written.table).map((n) => written.key[n])]);
}
