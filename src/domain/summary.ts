import type { ItemId } from './programs/schema';

/** Headroom to one limit, in 千元: how much more the capped amount may grow (negative when over). */
export interface Headroom {
  limit: number;
  used: number;
  headroom: number;
}

export interface BudgetSummary {
  sheet: string;
  /** All amounts in 千元, whatever the table's unit. */
  grandTotal: number;
  govTotal: number;
  selfTotal: number;
  /** Exact share rounded to one decimal; null when the total is 0. */
  govSharePercent: number | null;
  /** The share limit: with self-funding as budgeted, the subsidy may reach self × r ÷ (1 − r); null: the program has none. */
  govShare: Headroom | null;
  /** null: the program states no cap. */
  subsidyCap: Headroom | null;
  items: (Headroom & { itemId: ItemId; label: string; base: 'gov' | 'item-total'; percent: number })[];
  /** Per program item: gov and self amounts in 千元 (0 when absent). */
  amounts: { itemId: ItemId; label: string; gov: number; self: number }[];
}
