import { Category, CategoryRule, CategoryType, canonicalNested, canonicalRecord } from '@housef3/package-format';
import { DAY_MS, SEED_EPOCH_MS, SeedKeys } from './seed-model';
import { seedRuleId, seedUuid } from './seed-ids';
import { CATEGORY_TREE, CategoryTemplate, RuleTemplate } from './vocabulary';

export interface CategoryTree {
  /** Parents first. */
  categories: Category[];
  byPath: Map<string, Category>;
  leafPaths: Map<CategoryType, string[]>;
}

/** The vocabulary's category tree as HouseF3 records, with deterministic IDs and ruleIds. */
export function buildCategoryTree(keys: SeedKeys): CategoryTree {
  const tree: CategoryTree = { categories: [], byPath: new Map(), leafPaths: new Map() };
  const visit = (template: CategoryTemplate, parent: Category | undefined, parentPath: string) => {
    const path = parentPath ? `${parentPath}/${template.name}` : template.name;
    const createdAt = SEED_EPOCH_MS - 60 * DAY_MS + tree.categories.length * 60_000;
    const category = canonicalRecord('categories', {
      categoryId: seedUuid(keys.ids, 'category', path),
      name: template.name,
      type: template.type,
      parentCategoryId: parent?.categoryId,
      icon: template.icon,
      color: template.color,
      inheritParentRules: template.inheritParentRules ?? true,
      ruleInheritanceMode: template.ruleInheritanceMode ?? 'additive',
      rules: (template.rules ?? []).map((rule, index) => buildRule(keys, path, index, rule)),
      createdAt,
      updatedAt: createdAt + 7 * DAY_MS,
    });
    tree.categories.push(category);
    tree.byPath.set(path, category);
    for (const child of template.children ?? []) visit(child, category, path);
    if (!template.children?.length) tree.leafPaths.set(template.type, [...(tree.leafPaths.get(template.type) ?? []), path]);
  };
  for (const root of CATEGORY_TREE) visit(root, undefined, '');
  return tree;
}

function buildRule(keys: SeedKeys, path: string, index: number, rule: RuleTemplate): CategoryRule {
  return canonicalNested('CategoryRule', {
    ruleId: seedRuleId(keys.ids, path, index),
    caseSensitive: false,
    priority: 50,
    enabled: true,
    confidence: 90,
    allowMultipleMatches: true,
    autoSuggest: true,
    ...rule,
  });
}
