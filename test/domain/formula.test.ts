import { describe, expect, it } from 'vitest';
import { formulaConstants, formulaReferences, shiftFormula, tokenize, toR1C1 } from '../../src/domain/formula';

/** The one formula tokenizer (domain/formula.ts): the hygiene rules, the evaluator and shiftFormula all read it. */
describe('tokenize', () => {
  it('reads references (quoted and plain sheets, ranges, $), functions, strings, numbers, booleans, errors and operators', () => {
    const kinds = tokenize("=SUM('My sheet'!$B$4:B9)+總表!C3&\"A1\"&LOG10(D4)*1.5e2+TRUE+#REF!").map((t) => `${t.kind}:${t.text}`);
    expect(kinds).toEqual([
      'function:SUM',
      'op:(',
      "ref:'My sheet'!$B$4:B9",
      'op:)',
      'op:+',
      'ref:總表!C3',
      'op:&',
      'string:"A1"',
      'op:&',
      'function:LOG10',
      'op:(',
      'ref:D4',
      'op:)',
      'op:*',
      'number:1.5e2',
      'op:+',
      'bool:TRUE',
      'op:+',
      'error:#REF!',
    ]);
  });

  it('never throws: what it does not know is an `other` token (an unterminated string, a stray character)', () => {
    expect(tokenize('=B4+"open').map((t) => t.kind)).toEqual(['ref', 'op', 'other']);
    expect(tokenize('=B4{1}').map((t) => t.kind)).toEqual(['ref', 'other', 'number', 'other']);
  });

  it('does not read a reference inside a longer name, nor a function name as a cell', () => {
    expect(formulaReferences('=ABCD1+LOG10(A1)+Rate')).toEqual([{ sheet: null, area: expect.objectContaining({ top: 0, left: 0 }) }]);
  });

  it('gives the same R1C1 text and constants whether a call is followed by its parenthesis or not', () => {
    expect(toR1C1('=ROUND(D4*100/$D$10,1)', 3, 4)).toBe('ROUND(RC[-1]*100/R10C4,1)');
    expect(formulaConstants('=ROUND(B4*0.5,2)+IF(D10=0,"",100)').map((c) => c.value)).toEqual([0.5]);
  });
});

describe('shiftFormula: a shared formula, or a formula copied to another cell', () => {
  it('moves relative references, keeps absolute parts, strings, sheet names and function names, with or without "="', () => {
    expect(shiftFormula('=B2+C2', 2, 0)).toBe('=B4+C4');
    expect(shiftFormula("SUM('B2 sheet'!B2:B3)&\"B2\"&LOG10(B2)", 1, 1)).toBe("SUM('B2 sheet'!C3:C4)&\"B2\"&LOG10(C3)");
    expect(shiftFormula('$B$3*B$3+$B3', 2, 2)).toBe('$B$3*D$3+$B5');
  });

  it('as the xlsx reader meets them: relative references move, absolute parts, strings and names stay', () => {
    expect(shiftFormula('B2+C2', 2, 0)).toBe('B4+C4');
    expect(shiftFormula('IF($D$10=0,"",ROUND(D5*100/$D$10,1))', 1, 0)).toBe('IF($D$10=0,"",ROUND(D6*100/$D$10,1))');
    expect(shiftFormula("SUM('My B1'!A1:A3)+LOG10(B1)", 0, 1)).toBe("SUM('My B1'!B1:B3)+LOG10(C1)");
    expect(shiftFormula('$A1+A$1', 3, 2)).toBe('$A4+C$1');
  });
  it('keeps white space as written and stops at row 1 and column A', () => {
    expect(shiftFormula('= B4 + C4', -5, -5)).toBe('= A1 + A1');
  });
});
