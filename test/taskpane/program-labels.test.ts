import { describe, expect, it } from 'vitest';
import { PROGRAMS, getProgram } from '../../src/domain/programs';
import { programOptionLabel } from '../../src/taskpane/format';

/**
 * Issue 17 §5: the program select readable at 320 px, where a label is cut after about a dozen characters — programs
 * that differ only in a qualifier (10人以上 / 9人以下) lead with it.
 */
describe('program select labels', () => {
  it.each(['zh-TW', 'en'] as const)('%s: sibling programs differ in their first characters; the full name stays as the title', (lang) => {
    const label = (id: string) => programOptionLabel(getProgram(id), PROGRAMS, lang);
    expect(label('upgrade-10plus').slice(0, 10)).not.toBe(label('upgrade-under10').slice(0, 10));
    expect(label('chain-lowcarbon').slice(0, 10)).not.toBe(label('chain-smart').slice(0, 10));
    // Every label is a different one, and none loses a word of the name.
    const labels = PROGRAMS.map((p) => programOptionLabel(p, PROGRAMS, lang));
    expect(new Set(labels).size).toBe(PROGRAMS.length);
  });

  it('reads as a person would say it', () => {
    expect(programOptionLabel(getProgram('upgrade-10plus'), PROGRAMS, 'zh-TW')).toBe('製造業10人以上｜升級轉型 個案補助');
    expect(programOptionLabel(getProgram('upgrade-under10'), PROGRAMS, 'en')).toBe('9 or fewer staff | Upgrade & transformation');
    // A program without a sibling keeps its name.
    expect(programOptionLabel(getProgram('registered-factory'), PROGRAMS, 'zh-TW')).toBe('納管工廠 低碳及智慧化 基礎轉型 個案補助');
  });
});
