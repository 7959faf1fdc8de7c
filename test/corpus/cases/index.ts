import type { CorpusCase } from '../case';
import { cases as baseline } from './baseline';
import { cases as model } from './model';
import { cases as basicInfo } from './basic-info';
import { cases as labels } from './labels';
import { cases as programStatements } from './program-statements';
import { cases as tableModel } from './table-model';
import { cases as textAmounts } from './text-amounts';
import { cases as valuesAsShown } from './values-as-shown';

/** Every case file of the corpus; add yours here. */
export const CASES: CorpusCase[] = [...baseline, ...programStatements, ...basicInfo, ...model, ...labels, ...tableModel, ...textAmounts, ...valuesAsShown];
