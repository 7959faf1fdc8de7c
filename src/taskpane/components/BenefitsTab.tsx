import { useMemo, useState, useSyncExternalStore } from 'react';
import { Button, Field, Input, Select, Text, makeStyles, tokens } from '@fluentui/react-components';
import { EMISSION_FACTORS, describeFactor, type BenefitItemId, type BenefitSlot } from '../../domain/benefits';
import type { Lang } from '../../domain/findings';
import { foldWidth, format, isWhole, parseDecimal, toDecimalString } from '../../domain/money';
import {
  BenefitsError,
  ECONOMIC_FIELDS,
  LOWCARBON_FIELDS,
  SMART_FIELDS,
  benefitWrite,
  calculatorInput,
  computeBenefits,
  hasAnyValue,
  investmentFromBudget,
  type BenefitField,
  type BenefitForm,
} from '../benefits';
import { t, type MessageKey } from '../i18n';
import type { PaneSession } from '../session';
import { InfoMessage } from './Messages';
import { useCardStyles } from './styles';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  fields: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(130px, 1fr))', gap: tokens.spacingVerticalS, minWidth: 0 },
  input: { minWidth: 0, width: '100%' },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'flex-end' },
  small: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  results: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL, fontSize: tokens.fontSizeBase200 },
  selectRoot: { minWidth: 0, maxWidth: '100%' },
  select: { minWidth: 0, width: '100%', textOverflow: 'ellipsis' },
});


const fieldLabel = (lang: Lang) => (field: BenefitField) => t(lang, `bf_${field}` as MessageKey);

/** What the calculators derive, shown before anything is written. */
const DERIVED: { item: BenefitItemId; slot: BenefitSlot; zh: string; en: string; unit: string }[] = [
  { item: 'carbon', slot: 'amount', zh: '減少碳排放量', en: 'Emissions reduced', unit: ' 公噸 CO2e' },
  { item: 'carbon', slot: 'percent', zh: '減碳', en: 'Carbon reduction', unit: '%' },
  { item: 'electricity', slot: 'percent', zh: '節電率', en: 'Electricity saving', unit: '%' },
  { item: 'oee', slot: 'value', zh: 'OEE', en: 'OEE', unit: '%' },
  { item: 'oee', slot: 'improvement', zh: 'OEE 相較提升', en: 'OEE improvement', unit: '%' },
  { item: 'yield', slot: 'improvement', zh: '良率 相較提升', en: 'Yield improvement', unit: '%' },
  { item: 'delivery', slot: 'improvement', zh: '達交率 相較提升', en: 'Delivery improvement', unit: '%' },
];

export function BenefitsTab(props: { lang: Lang; session: PaneSession }) {
  const { lang, session } = props;
  const state = useSyncExternalStore(session.subscribe, session.getState);
  const styles = useStyles();
  const cards = useCardStyles();
  // The form lives in the session (stored with the workbook), so switching tabs or reopening the pane keeps it.
  const form = state.benefitForm;
  const setForm = (update: (f: BenefitForm) => BenefitForm) => session.setBenefitForm(update(session.getState().benefitForm));
  const [budgetNote, setBudgetNote] = useState<string | null>(null);
  const busy = state.busy !== null;
  const label = useMemo(() => fieldLabel(lang), [lang]);

  const preview = useMemo(() => {
    try {
      return { values: computeBenefits(calculatorInput(form, label, lang)), error: null };
    } catch (error) {
      return { values: null, error: error instanceof Error ? error.message : String(error) };
    }
  }, [form, label, lang]);

  const setField = (field: BenefitField, value: string) => setForm((f) => ({ ...f, values: { ...f.values, [field]: value } }));

  const fill = () =>
    void session.perform('reading', async () => {
      const values = computeBenefits(calculatorInput(form, label, lang));
      if (!hasAnyValue(values)) throw new BenefitsError(t(lang, 'benefitsNothing'));
      const snapshot = await session.readSnapshot();
      const write = benefitWrite(snapshot, values, state.target, lang);
      // At 套用 the same values are written into the sheet as it is then (cells typed meanwhile are asked about).
      const rebuild = (now: typeof snapshot) => benefitWrite(now, values, state.target, lang);
      session.offer('benefits', write.plan, snapshot, { userCells: write.userCells, keepPlan: write.keepPlan, rebuild });
    });

  const takeFromBudget = () => {
    const value = investmentFromBudget(state.summary);
    if (value === null) setBudgetNote(t(lang, 'fromBudgetNone'));
    else {
      setBudgetNote(null);
      setField('newInvestment', value);
    }
  };

  const fields = (list: readonly BenefitField[]) => (
    <div className={styles.fields}>
      {list.map((field) => (
        <Field key={field} label={label(field)} hint={wanHint(field, form.values[field], lang)}>
          <Input
            className={styles.input}
            inputMode="decimal"
            value={form.values[field] ?? ''}
            onChange={(_, data) => setField(field, data.value)}
            data-testid={`benefit-${field}`}
          />
        </Field>
      ))}
    </div>
  );

  const derived = preview.values
    ? DERIVED.flatMap((d) => {
        const v = preview.values!.items[d.item]?.[d.slot];
        return v === undefined ? [] : [lang === 'en' ? `${d.en}: ${toDecimalString(v)}${d.unit}` : `${d.zh}：${toDecimalString(v)}${d.unit}`];
      })
    : [];

  return (
    <div className={styles.root} data-testid="benefits-tab">
      <Text>{t(lang, 'benefitsIntro')}</Text>
      <Text className={styles.small}>
        {t(lang, 'benefitsTarget', {
          target: t(lang, state.target === 'lowcarbon' ? 'targetLowcarbon' : state.target === 'smart' ? 'targetSmart' : 'targetUnknown'),
        })}
      </Text>

      <section className={cards.card} role="group" aria-labelledby="benefits-economic">
        <h3 id="benefits-economic" className={cards.title}>
          {t(lang, 'benefitsEconomic')}
        </h3>
        {fields(ECONOMIC_FIELDS)}
        <div className={styles.row}>
          <Button size="small" onClick={takeFromBudget} data-testid="benefit-from-budget">
            {t(lang, 'fromBudget')}
          </Button>
          {budgetNote && <span className={styles.small}>{budgetNote}</span>}
        </div>
      </section>

      <section className={cards.card} role="group" aria-labelledby="benefits-lowcarbon">
        <h3 id="benefits-lowcarbon" className={cards.title}>
          {t(lang, 'benefitsLowcarbon')}
        </h3>
        <Field
          label={t(lang, 'factorYear')}
          hint={describeFactor(EMISSION_FACTORS.find((f) => f.year === form.factorYear) ?? EMISSION_FACTORS[EMISSION_FACTORS.length - 1], lang)}
        >
          <Select
            className={styles.selectRoot}
            select={{ className: styles.select }}
            value={String(form.factorYear)}
            onChange={(_, data) => setForm((f) => ({ ...f, factorYear: Number(data.value) }))}
          >
            {EMISSION_FACTORS.map((f) => (
              <option key={f.year} value={f.year}>
                {`${f.year} · ${f.kgPerKwh} kg CO2e/${lang === 'en' ? 'kWh' : '度'}`}
              </option>
            ))}
          </Select>
        </Field>
        {fields(LOWCARBON_FIELDS)}
      </section>

      <section className={cards.card} role="group" aria-labelledby="benefits-smart">
        <h3 id="benefits-smart" className={cards.title}>
          {t(lang, 'benefitsSmart')}
        </h3>
        <Field label={t(lang, 'methodLabel')}>
          <Select
            className={styles.selectRoot}
            select={{ className: styles.select }}
            value={form.method}
            onChange={(_, data) => setForm((f) => ({ ...f, method: data.value === 'relative' ? 'relative' : 'points' }))}
          >
            <option value="points">{t(lang, 'methodPoints')}</option>
            <option value="relative">{t(lang, 'methodRelative')}</option>
          </Select>
        </Field>
        {fields(SMART_FIELDS)}
      </section>

      {preview.error ? (
        <InfoMessage text={preview.error} intent="warning" testId="benefits-invalid" />
      ) : (
        derived.length > 0 && (
          <section aria-label={t(lang, 'benefitsResult')}>
            <Text weight="semibold">{t(lang, 'benefitsResult')}</Text>
            <ul className={styles.results} data-testid="benefits-derived">
              {derived.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </section>
        )
      )}

      <div className={styles.row}>
        <Button appearance="primary" disabled={busy || preview.error !== null} onClick={fill} data-testid="benefits-fill">
          {t(lang, 'benefitsFill')}
        </Button>
      </div>
    </div>
  );
}

/** 億元 fields: the 萬元 reading beside the value, since every figure of a small project is below 0.1 億元. */
function wanHint(field: BenefitField, value: string | undefined, lang: Lang): string | undefined {
  if (!value || !YI_FIELDS.has(field)) return undefined;
  const yi = parseDecimal(foldWidth(value).replace(/[,\s]/g, ''));
  if (yi === null) return undefined;
  const wanFixed = yi * 10_000n;
  const wan = format(wanFixed, isWhole(wanFixed) ? 0 : 2);
  return lang === 'en' ? `= ${wan} 萬元 (NT$10,000s)` : `＝ ${wan} 萬元`;
}
const YI_FIELDS = new Set<BenefitField>(['newInvestment', 'costReduction', 'outputValue']);
