/** Billing: invoices, billing runs, tax rules, exchange rates, add-ons and coupons, one tab each (each tab has its own URL). */
import { lazy, Suspense } from 'react';
import { Box, Tab, Tabs } from '@mui/material';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { useT } from '../../../i18n/index.tsx';
import { Loading, PageHeader } from '../../../ui/common.tsx';
import { NotFound } from '../../../ui/NotFound.tsx';
import { useIsp } from '../context.ts';

const Invoices = lazy(() => import('./InvoicesPage.tsx'));
const InvoiceView = lazy(() => import('./InvoicePage.tsx'));
const Runs = lazy(() => import('./BillingRunsPage.tsx'));
const Taxes = lazy(() => import('./TaxRulesPage.tsx'));
const Rates = lazy(() => import('./ExchangeRatesPage.tsx'));
const Addons = lazy(() => import('./AddonsPage.tsx'));
const Coupons = lazy(() => import('./CouponsPage.tsx'));

export default function BillingPage() {
  const t = useT();
  const { base } = useIsp();
  const { pathname } = useLocation();
  const tabs = [['invoices', t('inv.title')], ['runs', t('runs.title')], ['taxes', t('tax.title')], ['rates', t('rates.title')], ['addons', t('addon.catalogue')], ['coupons', t('coupon.title')]] as const;
  const current = tabs.find(([k]) => pathname.startsWith(`${base}/billing/${k}`))?.[0] ?? 'invoices';
  return (
    <>
      <PageHeader title={t('nav.billing')} subtitle={t('billing.subtitle')} />
      <Box sx={{ borderBottom: 1, borderColor: 'divider', mb: 2 }}>
        <Tabs value={current} variant="scrollable" allowScrollButtonsMobile aria-label={t('nav.billing')}>
          {tabs.map(([k, label]) => <Tab key={k} value={k} label={label} component={Link} to={`${base}/billing/${k}`} />)}
        </Tabs>
      </Box>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route index element={<Navigate to="invoices" replace />} />
          <Route path="invoices" element={<Invoices />} />
          <Route path="invoices/:id" element={<InvoiceView />} />
          <Route path="runs" element={<Runs />} />
          <Route path="taxes" element={<Taxes />} />
          <Route path="rates" element={<Rates />} />
          <Route path="addons" element={<Addons />} />
          <Route path="coupons" element={<Coupons />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </Suspense>
    </>
  );
}
