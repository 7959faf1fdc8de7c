/** 預期效益: official items, calculators, parsing of typed benefit text, and the benefit rules. */
export * from './items';
export * from './input';
export * from './parse';
export * from './calc';
export * from './rules';
