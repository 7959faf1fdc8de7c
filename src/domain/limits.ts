/**
 * Program limits as records, evaluated exactly. Every money rule of a program file is one comparison
 * `left op right × times` (schema.ts); this module gives each face the same reading of it: whether a budget breaks it,
 * by how much, and the largest 政府補助款 it allows for fixed item totals (the maximiser, the summary, the fixes).
 */
import type { BudgetModel } from './budget-model';
import { ZERO, type Fixed, fromNumber } from './money';
import type { Limit, Program, Quantity } from './programs/schema';

/** The budget's parts in 千元, as a limit reads them. */
export interface LimitBudget {
  gov: Fixed;
  self: Fixed;
  total: Fixed;
  /** An item's parts, by item id (absent items read 0). */
  item(id: string): { gov: Fixed; self: Fixed; total: Fixed };
}

export function budgetOf(model: BudgetModel): LimitBudget {
  return {
    gov: model.govTotalK,
    self: model.selfTotalK,
    total: model.grandTotalK,
    item: (id) => {
      let gov = ZERO;
      let self = ZERO;
      for (const row of model.rows) {
        if (row.item?.id !== id) continue;
        gov += row.gov;
        self += row.self;
      }
      return { gov: model.toThousand(gov), self: model.toThousand(self), total: model.toThousand(gov + self) };
    },
  };
}

/** A quantity's value in 千元, or null when it needs an applicant fact the checker does not have. */
export function quantityValue(q: Quantity, budget: LimitBudget, facts: Readonly<Record<string, number | boolean>> = {}): Fixed | null {
  if (q === 'gov' || q === 'self' || q === 'total') return budget[q];
  if ('item' in q) return budget.item(q.item)[q.part];
  if ('amount' in q) return fromNumber(q.amount);
  const fact = facts[q.fact];
  return typeof fact === 'number' ? fromNumber(fact) : null;
}

export type LimitOutcome =
  | { kind: 'holds'; left: Fixed; bound: Fixed }
  | { kind: 'breached'; left: Fixed; bound: Fixed; /** how far left is past the bound (> 0). */ excess: Fixed }
  | { kind: 'needs-fact'; fact: string };

/**
 * Evaluates one limit exactly: left·den op right·num. `bound` is right × times (rounded toward the limit's side for
 * display only). For "=", left may be within right × times ± right × tolerance.
 */
export function evaluateLimit(limit: Limit, budget: LimitBudget, facts: Readonly<Record<string, number | boolean>> = {}): LimitOutcome {
  if (limit.when) {
    if (facts[limit.when.fact] === undefined) return { kind: 'needs-fact', fact: limit.when.fact };
    if (!conditionHolds(limit, facts)) return { kind: 'holds', left: ZERO, bound: ZERO };
  }
  const left = quantityValue(limit.left, budget, facts);
  const right = quantityValue(limit.right, budget, facts);
  if (left === null) return { kind: 'needs-fact', fact: (limit.left as { fact: string }).fact };
  if (right === null) return { kind: 'needs-fact', fact: (limit.right as { fact: string }).fact };
  const { num, den } = limit.times;
  const bound = (right * num) / den;
  const l = left * den;
  const r = right * num;
  switch (limit.op) {
    case '<=':
      return l <= r ? { kind: 'holds', left, bound } : { kind: 'breached', left, bound, excess: left - bound };
    case '<':
      return l < r ? { kind: 'holds', left, bound } : { kind: 'breached', left, bound, excess: left - bound > ZERO ? left - bound : 1n };
    case '>=':
      return l >= r ? { kind: 'holds', left, bound } : { kind: 'breached', left, bound, excess: bound - left };
    case '=': {
      const tol = limit.tolerance!;
      // |left·den − right·num| ≤ right·tolerance·den, all in integers: × tol.den.
      const diff = (l - r) * tol.den;
      const allowed = right * tol.num * den;
      const off = diff < ZERO ? -diff : diff;
      return off <= allowed ? { kind: 'holds', left, bound } : { kind: 'breached', left, bound, excess: left > bound ? left - bound : bound - left };
    }
  }
}

/** A bound on 政府補助款 that a limit implies once every item total is fixed (T and each item's total unchanged). */
export interface GovBound {
  limit: Limit;
  /** The largest 政府補助款 (whole-plan, 千元, exact) the limit allows. */
  max: Fixed;
}

/**
 * The plan-level bounds on 政府補助款 for a given grand total (in 千元): share, cap, self-funding minimum (S ≥ r·T ⇔
 * G ≤ (1 − r)·T), fixed split (G ≤ r·T + tolerance) and fixed amount. Conditional limits whose fact is unknown and
 * item-level limits are left out (the maximiser handles items itself).
 */
export function govBounds(program: Program, total: Fixed, facts: Readonly<Record<string, number | boolean>> = {}): GovBound[] {
  const bounds: GovBound[] = [];
  for (const limit of program.limits) {
    if (!conditionHolds(limit, facts)) continue; // an unknown fact: not a bound until the applicant says
    const { num, den } = limit.times;
    const rightValue = (q: Quantity): Fixed | null => (q === 'total' ? total : typeof q === 'object' && 'amount' in q ? fromNumber(q.amount) : typeof q === 'object' && 'fact' in q && typeof facts[q.fact] === 'number' ? fromNumber(facts[q.fact] as number) : null);
    if (limit.left === 'gov' && (limit.op === '<=' || limit.op === '<' || limit.op === '=')) {
      if (limit.right === 'self') {
        // G ≤ r·S with S = T − G: G ≤ r·T / (1 + r).
        bounds.push({ limit, max: (total * num) / (den + num) });
        continue;
      }
      const right = rightValue(limit.right);
      if (right === null) continue;
      const tolerance = limit.op === '=' && limit.tolerance ? (right * limit.tolerance.num) / limit.tolerance.den : ZERO;
      bounds.push({ limit, max: (right * num) / den + tolerance });
    } else if (limit.left === 'self' && limit.op === '>=') {
      const right = rightValue(limit.right);
      if (right === null) continue;
      const selfMin = ceilDiv(right * num, den);
      bounds.push({ limit, max: total - selfMin });
    }
  }
  return bounds;
}

function conditionHolds(limit: Limit, facts: Readonly<Record<string, number | boolean>>): boolean {
  if (!limit.when) return true;
  const value = facts[limit.when.fact];
  if (value === undefined) return false;
  if (limit.when.op === '=') return value === limit.when.value;
  return limit.when.op === '>=' ? Number(value) >= Number(limit.when.value) : Number(value) <= Number(limit.when.value);
}

const ceilDiv = (a: bigint, b: bigint): bigint => (a >= 0n ? (a + b - 1n) / b : a / b);

