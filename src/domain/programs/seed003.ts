/**
 * The programs of the 112年度 產業輔導資源手冊 (seed 003) whose budget rules the table can check, one file each
 * (reviews/seed003-programs.md lists them with quotes and lines). Loaded apart from the five 升級轉型 programs: the CLI
 * adds them at start, the task pane loads them as a chunk of their own before its first check (its size budget).
 * A test checks that every JSON file of data/ is listed here or in index.ts.
 */
import type { ProgramFile } from './schema';
import p1 from './data/a-plus-frontier.json';
import p2 from './data/accelerator.json';
import p3 from './data/apparel-value-chain.json';
import p4 from './data/backbone-niche.json';
import p5 from './data/backbone-supply-chain.json';
import p6 from './data/brand-diagnosis.json';
import p7 from './data/brand-guidance.json';
import p8 from './data/c2m-pob.json';
import p9 from './data/c2m-poc.json';
import p10 from './data/circular-economy-sme.json';
import p11 from './data/citd-alliance.json';
import p12 from './data/citd-product.json';
import p13 from './data/compound-semiconductor.json';
import p14 from './data/cosmetics-cloud.json';
import p15 from './data/digital-green.json';
import p16 from './data/digital-lowcarbon.json';
import p17 from './data/digital-ops.json';
import p18 from './data/electronic-equipment.json';
import p19 from './data/ev-guidance-150.json';
import p20 from './data/ev-guidance-300.json';
import p21 from './data/fibre-circularity.json';
import p22 from './data/food-carbon.json';
import p23 from './data/food-chain-smart.json';
import p24 from './data/fragrance-beauty.json';
import p25 from './data/green-design-alliance.json';
import p26 from './data/green-design-product.json';
import p27 from './data/hardware-tools.json';
import p28 from './data/metal-digital.json';
import p29 from './data/polymer-pilot-a.json';
import p30 from './data/polymer-pilot-b.json';
import p31 from './data/regional-resources.json';
import p32 from './data/sbir-phase1.json';
import p33 from './data/sbir-phase2.json';
import p34 from './data/sbir-phase2plus.json';
import p35 from './data/semiconductor-equipment.json';
import p36 from './data/siir-early.json';
import p37 from './data/siir-transform.json';
import p38 from './data/smart-distribution.json';
import p39 from './data/smart-machinery-academia.json';
import p40 from './data/smart-machinery-industrialization.json';
import p41 from './data/smart-machinery-intl.json';
import p42 from './data/smart-manufacturing-a.json';
import p43 from './data/smart-manufacturing-b.json';
import p44 from './data/textile-lowcarbon-apparel.json';
import p45 from './data/textile-lowcarbon.json';
import p46 from './data/transport-smart-manufacturing.json';
import p47 from './data/vehicle-smart.json';
import p48 from './data/waste-heat-recovery.json';

export const SEED003_FILES: readonly ProgramFile[] = sortByNumber([
  p1,
  p2,
  p3,
  p4,
  p5,
  p6,
  p7,
  p8,
  p9,
  p10,
  p11,
  p12,
  p13,
  p14,
  p15,
  p16,
  p17,
  p18,
  p19,
  p20,
  p21,
  p22,
  p23,
  p24,
  p25,
  p26,
  p27,
  p28,
  p29,
  p30,
  p31,
  p32,
  p33,
  p34,
  p35,
  p36,
  p37,
  p38,
  p39,
  p40,
  p41,
  p42,
  p43,
  p44,
  p45,
  p46,
  p47,
  p48,
] as unknown as ProgramFile[]);

/** In the handbook's order (its catalogue number), tracks of one program together. */
function sortByNumber(files: ProgramFile[]): ProgramFile[] {
  return [...files].sort((a, b) => (a.number ?? 0) - (b.number ?? 0));
}
