import { AttributeValue, BatchGetItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { TableNames } from '@housef3/data-model';
import { EntityName } from '@housef3/package-format';
import { ExistingRecords } from '@housef3/import-domain';
import { entityTable, keyOfId } from './entity-keys';

/** ExistingRecords over DynamoDB: which ids exist in the target tables, and whose they are. */
export class DynamoExistingRecords implements ExistingRecords {
  constructor(private readonly dynamo: DynamoDBClient, private readonly tables: TableNames, private readonly userId: string) {}

  async owners(entity: EntityName, ids: readonly string[]): Promise<Map<string, string>> {
    const owners = new Map<string, string>();
    const table = this.tables[entityTable(entity)];
    for (let i = 0; i < ids.length; i += 100) {
      let keys: Record<string, AttributeValue>[] | undefined = ids.slice(i, i + 100).map((id) => keyOfId(entity, id, this.userId));
      const byKey = new Map(ids.slice(i, i + 100).map((id) => [JSON.stringify(keyOfId(entity, id, this.userId)), id]));
      for (let attempt = 0; keys && keys.length; attempt++) {
        const out = await this.dynamo.send(new BatchGetItemCommand({ RequestItems: { [table]: { Keys: keys, ...projection(entity) } } }));
        for (const item of out.Responses?.[table] ?? []) {
          const id = byKey.get(JSON.stringify(pickKey(entity, item)));
          if (id !== undefined) owners.set(id, item.userId?.S ?? '');
        }
        keys = out.UnprocessedKeys?.[table]?.Keys as Record<string, AttributeValue>[] | undefined;
        if (keys?.length) await new Promise((r) => setTimeout(r, Math.min(2000, 50 * 2 ** attempt)));
      }
    }
    return owners;
  }
}

/** Only the key and the owner are read. */
function projection(entity: EntityName): { ProjectionExpression: string; ExpressionAttributeNames: Record<string, string> } {
  const keys = entity === 'analytics' ? ['pk', 'sk'] : [keyName(entity)];
  const names = Object.fromEntries([...keys, 'userId'].map((k, i) => [`#p${i}`, k]));
  return { ProjectionExpression: Object.keys(names).join(', '), ExpressionAttributeNames: names };
}

function keyName(entity: EntityName): string {
  return Object.keys(keyOfId(entity, 'x', 'u'))[0];
}

function pickKey(entity: EntityName, item: Record<string, AttributeValue>): Record<string, AttributeValue> {
  return Object.fromEntries(Object.keys(keyOfId(entity, 'x', 'u')).map((k) => [k, item[k]]));
}
