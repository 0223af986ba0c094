import { analyticsKey, entityIdOf } from '../entities/entity-id';
import { ENTITY_NAMES, EntityName } from '../entities/entity-name';
import type { EntityDataset } from '../entities/entity-records';
import { validateRecord } from '../entities/validate-record';
import { toPackageJson } from './package-json';

/**
 * Every broken reference, duplicate ID, category cycle or over-deep tree (more than
 * `maxCategoryDepth` levels) in a dataset, as readable lines; [] when consistent. A test helper
 * for property tests, not the import's reference check.
 */
export function datasetReferenceProblems(dataset: EntityDataset, maxCategoryDepth = Infinity): string[] {
  const problems: string[] = [];
  const ids = {} as Record<EntityName, Set<string>>;
  for (const entity of ENTITY_NAMES) {
    ids[entity] = new Set();
    // entities a package may leave out (analytics, the 1.2 entities) count as none
    for (const record of (dataset[entity] ?? []) as never[]) {
      const id = entityIdOf(entity, record);
      if (ids[entity].has(id)) problems.push(`${entity}: duplicate ID ${id}`);
      ids[entity].add(id);
    }
  }
  const expect = (entity: EntityName, id: string | undefined, where: string) => {
    if (id !== undefined && !ids[entity].has(id)) problems.push(`${where} -> missing ${entity} ${id}`);
  };
  for (const a of dataset.accounts) expect('file_maps', a.defaultFileMapId, `account ${a.accountId}.defaultFileMapId`);
  for (const m of dataset.file_maps) expect('accounts', m.accountId, `file map ${m.fileMapId}.accountId`);
  for (const f of dataset.transaction_files) {
    expect('accounts', f.accountId, `file ${f.fileId}.accountId`);
    expect('file_maps', f.fileMapId, `file ${f.fileId}.fileMapId`);
  }
  for (const r of dataset.analytics) expect('accounts', r.accountId, `analytics ${analyticsKey(r)}.accountId`);
  const rulesByCategory = new Map(dataset.categories.map((c) => [c.categoryId, new Set(c.rules.map((r) => r.ruleId))]));
  for (const t of dataset.transactions) {
    expect('accounts', t.accountId, `transaction ${t.transactionId}.accountId`);
    expect('transaction_files', t.fileId, `transaction ${t.transactionId}.fileId`);
    expect('categories', t.primaryCategoryId, `transaction ${t.transactionId}.primaryCategoryId`);
    for (const assignment of t.categories) {
      expect('categories', assignment.categoryId, `transaction ${t.transactionId}.categories[].categoryId`);
      if (assignment.ruleId !== undefined && !rulesByCategory.get(assignment.categoryId)?.has(assignment.ruleId)) {
        problems.push(`transaction ${t.transactionId}: rule ${assignment.ruleId} is not a rule of category ${assignment.categoryId}`);
      }
    }
  }
  const parents = new Map(dataset.categories.map((c) => [c.categoryId, c.parentCategoryId]));
  for (const c of dataset.categories) {
    expect('categories', c.parentCategoryId, `category ${c.categoryId}.parentCategoryId`);
    let depth = 1;
    const seen = new Set([c.categoryId]);
    for (let parent = c.parentCategoryId; parent !== undefined; parent = parents.get(parent)) {
      if (seen.has(parent)) {
        problems.push(`category ${c.categoryId}: parent cycle`);
        break;
      }
      seen.add(parent);
      depth += 1;
    }
    if (depth > maxCategoryDepth) problems.push(`category ${c.categoryId}: ${depth} levels deep`);
  }
  return problems;
}

/** Validates every record of a dataset as the reader would hand it over; returns all issues. */
export function datasetValidationIssues(dataset: EntityDataset): string[] {
  const messages: string[] = [];
  for (const entity of ENTITY_NAMES) {
    ((dataset[entity] ?? []) as unknown[]).forEach((record, index) => {
      for (const issue of validateRecord(entity, toPackageJson(record), { index }).issues) messages.push(`${issue.severity}: ${issue.message}`);
    });
  }
  return messages;
}
