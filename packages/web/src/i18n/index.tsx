/**
 * Translations and formats. Every visible string goes through t(); the JSON files in locales/
 * hold them (en is bundled, the others load on demand). Arabic sets dir="rtl" on <html>.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import en from './locales/en.json';

import { LOCALES } from '../api/enums.ts';

// The languages the server accepts; the i18n test checks each has its translation file.
export { LOCALES };
export type AppLocale = (typeof LOCALES)[number];
export const RTL_LOCALES: ReadonlySet<string> = new Set(['ar']);

type Dict = Record<string, string>;

export function flatten(obj: unknown, prefix = '', out: Dict = {}): Dict {
  if (obj && typeof obj === 'object') {
    for (const [k, v] of Object.entries(obj as Record<string, unknown>)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (typeof obj === 'string') out[prefix] = obj;
  return out;
}

const EN = flatten(en);
const loaders = import.meta.glob<{ default: unknown }>(['./locales/*.json', '!./locales/en.json']);
const loaded: Partial<Record<AppLocale, Dict>> = { en: EN };

async function load(locale: AppLocale): Promise<Dict> {
  const have = loaded[locale];
  if (have) return have;
  const mod = await loaders[`./locales/${locale}.json`]?.();
  const dict = mod ? flatten(mod.default) : EN;
  loaded[locale] = dict;
  return dict;
}

export function isLocale(x: unknown): x is AppLocale {
  return typeof x === 'string' && (LOCALES as readonly string[]).includes(x);
}

const STORE = 'anx.locale';

/** The user's explicit choice, else the browser's preferred language, else the fallback. */
export function preferredLocale(fallback?: string | null): AppLocale {
  try {
    const chosen = localStorage.getItem(STORE);
    if (isLocale(chosen)) return chosen;
  } catch {
    /* ignore */
  }
  for (const l of navigator.languages ?? [navigator.language]) {
    const base = l.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return isLocale(fallback) ? fallback : 'en';
}

export type Vars = Record<string, string | number>;
export type T = (key: string, vars?: Vars) => string;

type I18n = {
  locale: AppLocale;
  dir: 'ltr' | 'rtl';
  t: T;
  /** Switches language; persist=true remembers it as the user's choice. */
  setLocale: (l: AppLocale, persist?: boolean) => void;
};

const Ctx = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<AppLocale>(() => preferredLocale());
  const [dict, setDict] = useState<Dict>(() => loaded[locale] ?? EN);

  useEffect(() => {
    let live = true;
    void load(locale).then((d) => live && setDict(d));
    const html = document.documentElement;
    html.lang = locale;
    html.dir = RTL_LOCALES.has(locale) ? 'rtl' : 'ltr';
    return () => {
      live = false;
    };
  }, [locale]);

  const setLocale = useCallback((l: AppLocale, persist = true) => {
    if (persist) {
      try {
        localStorage.setItem(STORE, l);
      } catch {
        /* ignore */
      }
    }
    setLocaleState(l);
  }, []);

  const t = useCallback<T>(
    (key, vars) => {
      let s = dict[key] ?? EN[key] ?? key;
      if (vars) for (const [k, v] of Object.entries(vars)) s = s.split(`{${k}}`).join(String(v));
      return s;
    },
    [dict],
  );

  const value = useMemo<I18n>(() => ({ locale, dir: RTL_LOCALES.has(locale) ? 'rtl' : 'ltr', t, setLocale }), [locale, t, setLocale]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const c = useContext(Ctx);
  if (!c) throw new Error('useI18n outside I18nProvider');
  return c;
}

export function useT(): T {
  return useI18n().t;
}

/** Formats in the user's language and the ISP's time zone and currency. */
export type Formats = {
  date: (iso: string | null | undefined) => string;
  dateTime: (iso: string | null | undefined) => string;
  day: (isoDay: string) => string;
  number: (n: number) => string;
  money: (minor: number, currency: string) => string;
  speed: (kbps: number) => string;
  bytes: (n: number) => string;
  duration: (seconds: number) => string;
};

const FormatCtx = createContext<{ timeZone?: string | undefined }>({});

export function FormatSettings({ timeZone, children }: { timeZone?: string | undefined; children: ReactNode }) {
  const v = useMemo(() => ({ timeZone }), [timeZone]);
  return <FormatCtx.Provider value={v}>{children}</FormatCtx.Provider>;
}

export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

export function useFormat(): Formats {
  const { locale, t } = useI18n();
  const { timeZone } = useContext(FormatCtx);
  return useMemo(() => {
    const tz = timeZone && safeTz(timeZone) ? timeZone : undefined;
    const d = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: tz });
    const dt = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: tz });
    const dayFmt = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' });
    const n = new Intl.NumberFormat(locale);
    return {
      date: (iso) => (iso ? d.format(new Date(iso)) : '—'),
      dateTime: (iso) => (iso ? dt.format(new Date(iso)) : '—'),
      day: (isoDay) => dayFmt.format(new Date(`${isoDay.slice(0, 10)}T00:00:00Z`)),
      number: (x) => n.format(x),
      money: (minor, currency) => {
        const digits = minorDigits(currency);
        try {
          return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(minor / 10 ** digits);
        } catch {
          return `${n.format(minor / 10 ** digits)} ${currency}`;
        }
      },
      speed: (kbps) =>
        kbps >= 1000
          ? t('units.mbps', { n: new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(kbps / 1000) })
          : t('units.kbps', { n: n.format(kbps) }),
      bytes: (b) => {
        const units = ['B', 'KB', 'MB', 'GB', 'TB'];
        let v = b;
        let i = 0;
        while (v >= 1000 && i < units.length - 1) { v /= 1000; i++; }
        return `${new Intl.NumberFormat(locale, { maximumFractionDigits: v < 10 && i ? 1 : 0 }).format(v)} ${units[i]}`;
      },
      duration: (sec) => {
        const h = Math.floor(sec / 3600);
        const m = Math.floor((sec % 3600) / 60);
        return h ? t('units.hm', { h: n.format(h), m: n.format(m) }) : t('units.m', { m: n.format(m) });
      },
    };
  }, [locale, timeZone, t]);
}

function safeTz(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
