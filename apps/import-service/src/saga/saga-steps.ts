import { SagaStep } from '@housef3/contracts';
import { Category, EntityName } from '@housef3/package-format';

/** The saga's steps in order: parents before what references them; files before transactions. */
export const STEP_ORDER: readonly SagaStep[] = [
  'categories', 'file_maps', 'accounts', 'transaction_files', 'files', 'transactions', 'analytics',
  'user_preferences', 'recurring_charge_patterns', 'recurring_charge_predictions', 'pattern_feedback', 'verify',
];

export const STEP_ENTITY: Partial<Record<SagaStep, EntityName>> = {
  categories: 'categories', file_maps: 'file_maps', accounts: 'accounts', transaction_files: 'transaction_files', transactions: 'transactions', analytics: 'analytics',
  user_preferences: 'user_preferences', recurring_charge_patterns: 'recurring_charge_patterns', recurring_charge_predictions: 'recurring_charge_predictions',
  pattern_feedback: 'pattern_feedback',
};

/** Entity steps a package may leave out (no entry: the step writes nothing and is skipped). */
export const OPTIONAL_STEP_ENTITIES: ReadonlySet<EntityName> = new Set(['analytics', 'user_preferences', 'recurring_charge_patterns', 'recurring_charge_predictions', 'pattern_feedback']);

export function nextStep(step: SagaStep): SagaStep | undefined {
  return STEP_ORDER[STEP_ORDER.indexOf(step) + 1];
}

/** Categories parents first (a package may list them in any order; the tree is validated acyclic). */
export function parentsFirst(categories: Category[]): Category[] {
  const byId = new Map(categories.map((c) => [c.categoryId, c]));
  const out: Category[] = [];
  const placed = new Set<string>();
  // Iterative, so a chain of any depth (a hostile package's 20,000 levels) cannot overflow the
  // stack: walk up to the first placed ancestor, then place the walked chain from the top down.
  for (const start of categories) {
    const chain: Category[] = [];
    const onChain = new Set<string>();
    for (let c: Category | undefined = start; c && !placed.has(c.categoryId) && !onChain.has(c.categoryId); c = c.parentCategoryId ? byId.get(c.parentCategoryId) : undefined) {
      chain.push(c);
      onChain.add(c.categoryId);
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      placed.add(chain[i].categoryId);
      out.push(chain[i]);
    }
  }
  return out;
}
