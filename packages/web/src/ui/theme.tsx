/** The MUI theme: the ISP's colours (white label) and the language's direction, with an RTL Emotion cache. */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { CacheProvider } from '@emotion/react';
import createCache from '@emotion/cache';
import { prefixer } from 'stylis';
import rtlPlugin from 'stylis-plugin-rtl';
import { CssBaseline, ThemeProvider, createTheme } from '@mui/material';
import { useI18n } from '../i18n/index.tsx';

export type Brand = { name: string; logoUrl: string | null; primary: string; secondary: string };

export const PLATFORM_BRAND: Brand = { name: 'AstraNetix', logoUrl: null, primary: '#283593', secondary: '#00838f' };

const BrandCtx = createContext<{ brand: Brand; setBrand: (b: Brand | null) => void }>({ brand: PLATFORM_BRAND, setBrand: () => {} });

export function useBrand() {
  return useContext(BrandCtx);
}

const ltrCache = createCache({ key: 'mui' });
const rtlCache = createCache({ key: 'muirtl', stylisPlugins: [prefixer, rtlPlugin] });

const HEX = /^#(?:[0-9a-f]{3}){1,2}$/i;

export function ThemeRoot({ children }: { children: ReactNode }) {
  const { dir } = useI18n();
  const [brand, setBrandState] = useState<Brand>(PLATFORM_BRAND);
  const theme = useMemo(
    () =>
      createTheme({
        direction: dir,
        palette: {
          primary: { main: HEX.test(brand.primary) ? brand.primary : PLATFORM_BRAND.primary },
          secondary: { main: HEX.test(brand.secondary) ? brand.secondary : PLATFORM_BRAND.secondary },
          // Darker than MUI's defaults so text in these colours keeps 4.5:1 on white.
          success: { main: '#1b5e20' },
          warning: { main: '#a14a00' },
          error: { main: '#c62828' },
          background: { default: '#f5f6fa' },
          contrastThreshold: 4.5,
        },
        shape: { borderRadius: 10 },
        typography: {
          fontFamily: dir === 'rtl'
            ? '"Noto Sans Arabic", "Segoe UI", Tahoma, system-ui, sans-serif'
            : 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Devanagari", sans-serif',
          h4: { fontWeight: 650 },
          h5: { fontWeight: 650 },
          h6: { fontWeight: 600 },
          button: { textTransform: 'none', fontWeight: 600 },
        },
        components: {
          MuiPaper: { defaultProps: { elevation: 0 }, styleOverrides: { root: { border: '1px solid rgba(0,0,0,0.08)' } } },
          MuiAppBar: { styleOverrides: { root: { border: 0 } } },
          MuiDrawer: { styleOverrides: { paper: { border: 0 } } },
          MuiTableCell: { styleOverrides: { head: { fontWeight: 600 } } },
        },
      }),
    [dir, brand.primary, brand.secondary],
  );
  // Stable, and a no-op when nothing changed: effects that set the brand must not loop.
  const setBrand = useCallback((b: Brand | null) => {
    const next = b ?? PLATFORM_BRAND;
    setBrandState((cur) =>
      cur.name === next.name && cur.logoUrl === next.logoUrl && cur.primary === next.primary && cur.secondary === next.secondary ? cur : next,
    );
  }, []);
  const ctx = useMemo(() => ({ brand, setBrand }), [brand, setBrand]);
  return (
    <BrandCtx.Provider value={ctx}>
      <CacheProvider value={dir === 'rtl' ? rtlCache : ltrCache}>
        <ThemeProvider theme={theme}>
          <CssBaseline />
          {children}
        </ThemeProvider>
      </CacheProvider>
    </BrandCtx.Provider>
  );
}
