// First step of `npm test`: checks, in well under a second, that the system packages the browser and recalculation
// tests need are installed, and if not stops with the one apt-get line to run — before the lint, the build and a
// wall of failing tests. (.ci/run installs the same packages on a fresh Debian machine.)
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';

function onPath(command) {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, command)));
}

function hasCjkFont() {
  if (onPath('fc-list')) {
    try {
      return /Noto Sans CJK/i.test(execFileSync('fc-list', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
    } catch {
      // fall through to the file check
    }
  }
  const dir = '/usr/share/fonts/opentype/noto';
  return existsSync(dir) && readdirSync(dir).some((name) => /^NotoSansCJK/i.test(name));
}

const needs = [
  { pkg: 'chromium', why: 'the browser tests (chromium)', ok: () => onPath('chromium') },
  { pkg: 'libreoffice-calc-nogui', why: 'the recalculation tests (soffice)', ok: () => onPath('soffice') },
  // Writer's library, as Debian installs it: soffice alone does not say whether .doc can be converted.
  { pkg: 'libreoffice-writer-nogui', why: 'the .doc conversion test (LibreOffice Writer)', ok: () => existsSync('/usr/lib/libreoffice/program/libswlo.so') },
  { pkg: 'fonts-noto-cjk', why: 'rendering 中文 in the browser tests (Noto Sans CJK)', ok: hasCjkFont },
];
const missing = needs.filter((need) => !need.ok());

if (missing.length > 0) {
  const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
  console.error(
    [
      'npm test needs system packages that are not installed:',
      ...missing.map((need) => `  - ${need.pkg}: for ${need.why}`),
      '',
      'Install them (Debian/Ubuntu), then run npm test again:',
      '',
      `  ${sudo}apt-get update && ${sudo}apt-get install -y ${missing.map((need) => need.pkg).join(' ')}`,
      '',
    ].join('\n'),
  );
  process.exit(1);
}
