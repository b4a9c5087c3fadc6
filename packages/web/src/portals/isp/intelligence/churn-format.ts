/** How churn figures read: risks as percentages, each reason's value in its own unit. */
import { useMemo } from 'react';
import { useI18n, useT } from '../../../i18n/index.tsx';
import type { ChurnReason } from './churn-types.ts';

export function useChurnFormat() {
  const { locale } = useI18n();
  const t = useT();
  return useMemo(() => {
    const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
    const num = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
    const signed = new Intl.NumberFormat(locale, { maximumFractionDigits: 2, signDisplay: 'always' });
    return {
      risk: (p: number) => pct.format(p),
      feature: (f: ChurnReason['feature']) => t(`churn.feature.${f}`),
      /** The subscriber's own value of the feature ("3 reminders in 180 days", "4.2 months"). */
      value: (r: Pick<ChurnReason, 'feature' | 'value'>) => t(`churn.value.${r.feature}`, { n: num.format(r.value) }),
      contribution: (c: number) => signed.format(c),
    };
  }, [locale, t]);
}
