import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Recalculates .xlsx files with headless LibreOffice. LibreOffice's default for Excel files is to trust the cached
 * formula results; a throwaway profile sets `Formula/Load/OOXMLRecalcMode` to 0 ("always recalculate") so what we read
 * back is what LibreOffice computed, not what the writer cached. All files go through one soffice start (seconds each).
 */
const RECALC_ALWAYS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

export interface RecalculationRun {
  /** Input path → recalculated copy. */
  outputs: Map<string, string>;
  /** Wall time of the one soffice run, in ms. */
  ms: number;
}

export async function recalculateWithLibreOffice(files: readonly string[], outDir: string): Promise<RecalculationRun> {
  const names = files.map((f) => basename(f));
  if (new Set(names).size !== names.length) throw new Error('input files need distinct names: outputs share one folder');
  const home = await mkdtemp(join(tmpdir(), 'sb-soffice-'));
  try {
    const profile = join(home, 'profile');
    await mkdir(join(profile, 'user'), { recursive: true });
    await writeFile(join(profile, 'user', 'registrymodifications.xcu'), RECALC_ALWAYS);
    await mkdir(outDir, { recursive: true });
    const started = performance.now();
    const run = await new Promise<{ error: Error | null; stdout: string; stderr: string }>((resolve) =>
      execFile(
        'soffice',
        [
          `-env:UserInstallation=${pathToFileURL(profile).href}`,
          '--headless',
          '--norestore',
          '--nologo',
          '--convert-to',
          'xlsx:Calc MS Excel 2007 XML',
          '--outdir',
          outDir,
          ...files,
        ],
        { timeout: 180_000, env: { ...process.env, HOME: home } },
        (error, stdout, stderr) => resolve({ error, stdout, stderr }),
      ),
    );
    const ms = performance.now() - started;
    const outputs = new Map(files.map((f) => [f, join(outDir, basename(f))]));
    const missing = [...outputs.values()].filter((out) => !existsSync(out));
    if (run.error || missing.length > 0) {
      throw new Error(
        `soffice did not recalculate ${missing.length ? missing.join(', ') : 'the files'}: ${run.error?.message ?? ''}\n${run.stdout}\n${run.stderr}`,
      );
    }
    return { outputs, ms };
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}
