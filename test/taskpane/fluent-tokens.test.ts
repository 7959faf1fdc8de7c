import { tokens as fluentTokens } from '@fluentui/tokens';
import { describe, expect, it } from 'vitest';
import { tokens } from '../../src/taskpane/fluent-tokens';

describe('the bundle’s stand-in for Fluent’s token object', () => {
  it('gives every token exactly the CSS variable Fluent’s own object gives', () => {
    const names = Object.keys(fluentTokens) as (keyof typeof fluentTokens)[];
    expect(names.length).toBeGreaterThan(400);
    for (const name of names) expect([name, tokens[name]]).toEqual([name, fluentTokens[name]]);
  });
});
