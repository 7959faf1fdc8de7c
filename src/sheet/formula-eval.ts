import { tokenize, type FormulaToken } from '../domain/formula';
import { arithmetic, compare, isError, roundTo, scalar, text, toNumber, Unknown, type Value } from './formula-values';

/**
 * Evaluates one formula of the kind budget tables use — arithmetic, comparisons, `&`, cell and range references (also
 * on other sheets), SUM, ROUND, IF and a few companions — over the tokens of the project's one tokenizer
 * (domain/formula.ts). `reference` gives the value of a cell or range (sheet null: the formula's own). Anything else
 * throws `Unknown`: never guessed.
 */

/** An operator's text (`;`, the list separator of some locales, reads as `,`), or undefined for any other token. */
const opOf = (t: FormulaToken | undefined): string | undefined => (t?.kind === 'op' ? (t.text === ';' ? ',' : t.text) : undefined);

export function evaluateFormula(formula: string, reference: (sheet: string | null, cells: string) => Value): Value {
  const tokens = tokenize(formula);
  let p = 0;
  const peek = () => tokens[p];
  const isOp = (v: string) => opOf(peek()) === v;
  const expect = (v: string) => {
    if (!isOp(v)) throw new Unknown(`expected ${v}`);
    p++;
  };

  const comparison = (): Value => {
    let left = concat();
    while (['=', '<>', '<', '>', '<=', '>='].includes(opOf(peek()) ?? '')) {
      const op = opOf(tokens[p++])!;
      const right = concat();
      left = compare(op, scalar(left), scalar(right));
    }
    return left;
  };
  const concat = (): Value => {
    let left = additive();
    while (isOp('&')) {
      p++;
      const a = scalar(left);
      const b = scalar(additive());
      if (isError(a)) return a;
      if (isError(b)) return b;
      left = `${text(a)}${text(b)}`;
    }
    return left;
  };
  const additive = (): Value => {
    let left = multiplicative();
    while (isOp('+') || isOp('-')) {
      const op = opOf(tokens[p++])!;
      left = arithmetic(op, left, multiplicative());
    }
    return left;
  };
  const multiplicative = (): Value => {
    let left = power();
    while (isOp('*') || isOp('/')) {
      const op = opOf(tokens[p++])!;
      left = arithmetic(op, left, power());
    }
    return left;
  };
  const power = (): Value => {
    let left = unary();
    while (isOp('^')) {
      p++;
      left = arithmetic('^', left, unary());
    }
    return left;
  };
  const unary = (): Value => {
    if (isOp('-')) {
      p++;
      return arithmetic('*', -1, unary());
    }
    if (isOp('+')) {
      p++;
      return unary();
    }
    let v = primary();
    while (isOp('%')) {
      p++;
      v = arithmetic('/', v, 100);
    }
    return v;
  };
  const primary = (): Value => {
    const t = tokens[p++];
    if (!t) throw new Unknown('formula ends early');
    switch (t.kind) {
      case 'number':
      case 'string':
      case 'bool':
        return t.value;
      case 'error':
        return { error: t.value };
      case 'ref':
        return reference(t.sheet, t.cells);
      case 'function':
        return call(t.name);
      case 'name':
        throw new Unknown(`defined name ${t.text}`);
      case 'other':
        throw new Unknown(`unexpected "${t.text}"`);
      case 'op':
        if (t.text === '(') {
          const v = comparison();
          expect(')');
          return v;
        }
        throw new Unknown(`unexpected ${t.text}`);
    }
  };
  const args = (): Value[] => {
    expect('(');
    const list: Value[] = [];
    if (isOp(')')) {
      p++;
      return list;
    }
    for (;;) {
      list.push(isOp(',') || isOp(')') ? null : comparison());
      if (isOp(',')) {
        p++;
        continue;
      }
      expect(')');
      return list;
    }
  };
  const call = (name: string): Value => {
    // IF evaluates only the branch it takes, as Excel does (the other may be an error or unknown).
    if (name === 'IF' || name === 'IFERROR') {
      expect('(');
      const first = comparison();
      const branches: [number, number][] = [];
      const skipArg = () => {
        const start = p;
        let depth = 0;
        while (p < tokens.length) {
          const t = tokens[p];
          if (t.kind === 'op' && t.text === '(') depth++;
          if (t.kind === 'op' && t.text === ')') {
            if (depth === 0) break;
            depth--;
          }
          if (opOf(t) === ',' && depth === 0) break;
          p++;
        }
        branches.push([start, p]);
      };
      while (isOp(',')) {
        p++;
        skipArg();
      }
      expect(')');
      const after = p;
      const evalBranch = (index: number, fallback: Value): Value => {
        const b = branches[index];
        if (!b || b[0] === b[1]) return b ? 0 : fallback;
        p = b[0];
        const v = comparison();
        p = after;
        return v;
      };
      const c = scalar(first);
      if (name === 'IFERROR') return isError(c) ? evalBranch(0, 0) : first;
      if (isError(c)) return c;
      const truth = typeof c === 'string' ? (() => { throw new Unknown('IF on text'); })() : Boolean(c);
      return truth ? evalBranch(0, true) : evalBranch(1, false);
    }
    const list = args();
    const numbers = (values: Value[]): number[] | { error: string } => {
      const out: number[] = [];
      for (const v of values) {
        if (v !== null && typeof v === 'object' && 'range' in v) {
          for (const s of v.range) {
            if (isError(s)) return s;
            if (typeof s === 'number') out.push(s); // text and booleans in ranges are ignored, as in Excel
          }
        } else {
          const s = scalar(v);
          if (isError(s)) return s;
          const n = toNumber(s);
          if (isError(n)) return n;
          out.push(n);
        }
      }
      return out;
    };
    const nth = (i: number): number | { error: string } => toNumber(scalar(list[i] ?? null));
    switch (name) {
      case 'SUM': {
        const n = numbers(list);
        return isError(n) ? n : n.reduce((a, b) => a + b, 0);
      }
      case 'MIN':
      case 'MAX': {
        const n = numbers(list);
        if (isError(n)) return n;
        return n.length === 0 ? 0 : name === 'MIN' ? Math.min(...n) : Math.max(...n);
      }
      case 'AVERAGE': {
        const n = numbers(list);
        if (isError(n)) return n;
        return n.length === 0 ? { error: '#DIV/0!' } : n.reduce((a, b) => a + b, 0) / n.length;
      }
      case 'ROUND':
      case 'ROUNDUP':
      case 'ROUNDDOWN': {
        const x = nth(0);
        const d = nth(1);
        if (isError(x)) return x;
        if (isError(d)) return d;
        return roundTo(x, Math.trunc(d), name);
      }
      case 'INT': {
        const x = nth(0);
        return isError(x) ? x : Math.floor(x);
      }
      case 'ABS': {
        const x = nth(0);
        return isError(x) ? x : Math.abs(x);
      }
      case 'AND':
      case 'OR': {
        const n = numbers(list);
        if (isError(n)) return n;
        return name === 'AND' ? n.every((v) => v !== 0) : n.some((v) => v !== 0);
      }
      case 'NOT': {
        const x = nth(0);
        return isError(x) ? x : x === 0;
      }
      default:
        throw new Unknown(`function ${name}`);
    }
  };
  const result = comparison();
  if (p !== tokens.length) throw new Unknown('trailing tokens');
  return result;
}
