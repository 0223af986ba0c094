import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { TableNames } from '@housef3/data-model';
import { EntityName } from '@housef3/package-format';
import { ExistingRecords } from '@housef3/import-domain';
import { batchGetAll } from '@housef3/platform';
import { entityTable, keyOfId } from './entity-keys';

/** ExistingRecords over DynamoDB: which ids exist in the target tables, and whose they are. */
export class DynamoExistingRecords implements ExistingRecords {
  constructor(private readonly dynamo: DynamoDBClient, private readonly tables: TableNames, private readonly userId: string) {}

  async owners(entity: EntityName, ids: readonly string[]): Promise<Map<string, string>> {
    const byKey = new Map(ids.map((id) => [JSON.stringify(keyOfId(entity, id, this.userId)), id]));
    const keyNames = Object.keys(keyOfId(entity, 'x', this.userId));
    const items = await batchGetAll(this.dynamo, this.tables[entityTable(entity)], ids.map((id) => keyOfId(entity, id, this.userId)), { projection: [...new Set([...keyNames, 'userId'])] });
    const owners = new Map<string, string>();
    for (const item of items) {
      const id = byKey.get(JSON.stringify(Object.fromEntries(keyNames.map((k) => [k, item[k]]))));
      if (id !== undefined) owners.set(id, item.userId?.S ?? '');
    }
    return owners;
  }
}
