/**
 * The web app end to end, in Chromium: the founder creates an ISP; its admin signs in on the ISP's
 * branded URL and creates a branch (and a child branch), a plan and a subscriber with a portal password;
 * the subscriber signs in to self-service and sees their plan. The same flow runs in Arabic (dir=rtl).
 * axe-core checks each main page; screenshots of each portal go to e2e/screenshots/.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axe, describeViolations, launch, shot, startServer, type Server } from './harness.ts';

let server: Server;
let browser: Browser;

/** On failure, a screenshot of where the page was, then the error. */
async function guard(page: Page, name: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (e) {
    await shot(page, `FAILED-${name}`).catch(() => undefined);
    throw e;
  }
}

async function context(locale: string, viewport = { width: 1280, height: 860 }, liveStream = false): Promise<BrowserContext> {
  const ctx = await browser.newContext({ locale, viewport, baseURL: server.url, serviceWorkers: 'block' });
  // The live event streams never finish, so "network idle" would never come: by default they answer 404
  // (the app then refreshes every 30 s); one test below uses the real stream.
  if (!liveStream) await ctx.route(/\/api\/(isp\/[^/]+|me)\/live$/, (r) => r.fulfill({ status: 404, contentType: 'application/problem+json', body: '{"type":"about:blank","title":"Not Found","status":404}' }));
  ctx.on('page', (p) => {
    p.on('requestfailed', (r) => console.error(`[request failed] ${r.url()} ${r.failure()?.errorText ?? ''}`));
    if (process.env.E2E_VERBOSE)
      p.on('response', (r) => {
        if (!r.url().includes('/api/')) console.error(`[http ${r.status()}] ${r.url()}`);
      });
    p.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
    p.on('console', (m) => {
      if (m.type() === 'error') console.error(`[console] ${m.text()}`);
    });
    p.on('response', (r) => {
      if ((process.env.E2E_VERBOSE || r.status() >= 400) && r.url().includes('/api/'))
        console.error(`[http ${r.status()}] ${r.request().method()} ${r.url()}`);
    });
  });
  return ctx;
}

async function checkA11y(page: Page, what: string): Promise<void> {
  // A dialog fading in or out is semi-transparent: contrast is judged once transitions have ended
  // (endless ones, such as spinners and the live badge's pulse, are not waited for).
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity), null, { timeout: 10_000 });
  const v = await axe(page);
  assert.equal(v.length, 0, `axe found serious/critical violations on ${what}:\n${describeViolations(v)}`);
}

async function login(page: Page, path: string, email: string, password: string, landing: RegExp): Promise<void> {
  await page.goto(path);
  await page.locator('input[name=email]').fill(email);
  await page.locator('input[name=password]').fill(password);
  await page.locator('button[type=submit]').click();
  await page.waitForURL(landing);
}

async function pick(page: Page, testId: string, option: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** The reset link of the newest mail to `to`, from the server's LogMailer lines. */
async function waitForMail(to: string): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const mail = server.mails().filter((m) => m.to === to).pop();
    const link = mail && /https?:\/\/\S+reset-password\?token=\S+/.exec(mail.text)?.[0];
    if (link) return link;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no reset mail to ${to}`);
}

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  // Lazy chunks and data may still be on their way: wait for a page heading and no spinner (determinate bars, such as quotas, stay).
  await page.waitForFunction(() => !document.querySelector('[role=progressbar]:not([aria-valuenow])') && document.querySelector('main h1'), null, {
    timeout: 15_000,
  });
  await page.waitForLoadState('networkidle');
}

describe('web app', () => {
  before(async () => {
    server = await startServer();
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const lang of ['en', 'ar'] as const) {
    describe(`portals flow (${lang})`, () => {
      const slug = `e2e-${lang}-isp`;
      const ispName = lang === 'ar' ? 'شبكة النيل' : 'Skyline Fiber';
      const adminEmail = `admin@${slug}.test`;
      const subEmail = `amira@${slug}.test`;
      const planName = lang === 'ar' ? 'ألياف 100' : 'Fiber 100';
      const dir = lang === 'ar' ? 'rtl' : 'ltr';

      test('the founder creates an ISP', { timeout: 120_000 }, async () => {
        const ctx = await context(lang);
        const page = await ctx.newPage();
        await guard(page, `founder-${lang}`, async () => {
          await page.goto('/login');
          assert.equal(await page.evaluate(() => document.documentElement.dir), dir);
          assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
          await checkA11y(page, `platform login (${lang})`);
          await shot(page, `login-platform-${lang}`);

          await login(page, '/login', 'founder@astranetix.com', 'admin123', /\/founder$/);
          await page.getByText('Demo ISP').first().waitFor();
          await settle(page);
          await checkA11y(page, `founder dashboard (${lang})`);
          await shot(page, `founder-dashboard-${lang}`);

          await page.goto('/founder/isps');
          await page.getByText('Demo ISP').first().waitFor();
          await checkA11y(page, `founder ISPs (${lang})`);
          if (lang === 'en') await shot(page, 'founder-isps-en');

          await page.goto('/founder/billing');
          await page.getByRole('cell', { name: /Growth/ }).first().waitFor();
          await settle(page);
          await checkA11y(page, `founder SaaS billing (${lang})`);
          await shot(page, `founder-saas-billing-${lang}`);

          await page.goto('/founder/isps/new');
          await page.locator('input[name=display_name]').fill(ispName);
          await page.locator('input[name=slug]').fill(slug);
          await page.locator('input[name=primary_color]').fill('#6a1b9a');
          await page.locator('input[name=admin_name]').fill('Nadia Admin');
          await page.locator('input[name=admin_email]').fill(adminEmail);
          await page.locator('input[name=admin_password]').fill('Admin-pass-123');
          await checkA11y(page, `create ISP form (${lang})`);
          await page.locator('button[type=submit]').click();
          const link = page.getByTestId('portal-link');
          await link.waitFor();
          assert.match(await link.innerText(), new RegExp(`/t/${slug}$`));

          // The ISP's own page: edit its settings (time zone, custom domain), see the terminate confirmation.
          await page.goto('/founder/isps');
          await page.getByRole('link', { name: ispName, exact: true }).click();
          await page.locator('input[name=custom_domain]').waitFor();
          await page.locator('input[name=custom_domain]').fill(`${slug}.portal.example`);
          await page.locator('input[name=timezone]').fill('Africa/Cairo');
          await page.getByRole('option', { name: 'Africa/Cairo', exact: true }).click();
          await page.locator('main form button[type=submit]').click();
          await page.getByTestId('isp-saved').waitFor();
          assert.equal(await page.getByTestId('isp-portal-url').innerText(), `https://${slug}.portal.example`);
          await page.getByTestId('terminate-isp').click();
          await page.locator('input[name=confirm_slug]').waitFor();
          await checkA11y(page, `founder ISP page with terminate dialog (${lang})`);
          await shot(page, `founder-isp-terminate-${lang}`);
          await page.keyboard.press('Escape');
          await page.locator('[role=dialog]').waitFor({ state: 'detached' });
          await settle(page);
          await checkA11y(page, `founder ISP page (${lang})`);
          await shot(page, `founder-isp-${lang}`);
          // The branded URL still works on localhost by path.
          await page.locator('input[name=custom_domain]').fill('');
          await page.locator('main form button[type=submit]').click();
          await page.getByTestId('isp-saved').waitFor();
        });
        await ctx.close();
      });

      test("the ISP's admin signs in on its branded URL and creates a branch, a plan and a subscriber", { timeout: 150_000 }, async () => {
        const ctx = await context(lang);
        const page = await ctx.newPage();
        await guard(page, `admin-${lang}`, async () => {
          await page.goto(`/t/${slug}/login`);
          await page.getByRole('heading', { name: ispName }).waitFor();
          assert.equal(await page.title(), ispName);
          assert.equal(await page.evaluate(() => document.documentElement.dir), dir);
          // The ISP's primary colour themes its login page.
          const bg = await page.locator('button[type=submit]').evaluate((b) => getComputedStyle(b).backgroundColor);
          assert.ok(bg === 'rgb(106, 27, 154)' || bg === 'rgba(0, 0, 0, 0.12)', `sign-in button colour ${bg}`);
          await checkA11y(page, `ISP login (${lang})`);
          await shot(page, `login-isp-${lang}`);

          await login(page, `/t/${slug}/login`, adminEmail, 'Admin-pass-123', new RegExp(`/t/${slug}$`));
          await settle(page);
          assert.equal(await page.evaluate(() => document.documentElement.dir), dir);
          await checkA11y(page, `ISP dashboard (${lang})`);

          // A branch, and a child branch under it.
          await page.goto(`/t/${slug}/branches`);
          await page.getByTestId('new-branch').click();
          await page.locator('input[name=name]').fill(lang === 'ar' ? 'فرع القاهرة' : 'Downtown');
          await page.locator('input[name=code]').fill('DT');
          await page.locator('[role=dialog] button[type=submit]').click();
          await page.getByTestId('add-child-DT').click();
          await page.locator('input[name=name]').fill(lang === 'ar' ? 'فرع الزمالك' : 'Harbour');
          await page.locator('input[name=code]').fill('HB');
          await page.locator('[role=dialog] button[type=submit]').click();
          await page.getByTestId('add-child-HB').waitFor();
          await checkA11y(page, `branches (${lang})`);
          // Edit a branch: a third one, renamed and moved under Harbour, then deactivated.
          await page.getByTestId('new-branch').click();
          await page.locator('input[name=name]').fill('Airport');
          await page.locator('input[name=code]').fill('AP');
          await page.locator('[role=dialog] button[type=submit]').click();
          await page.getByTestId('edit-branch-AP').click();
          await page.locator('input[name=name]').fill('Airport kiosk');
          await pick(page, 'select-parent', lang === 'ar' ? 'فرع الزمالك' : 'Harbour');
          await page.locator('[role=listbox]').waitFor({ state: 'detached' });
          await checkA11y(page, `branch edit dialog (${lang})`);
          await page.locator('[role=dialog] button[type=submit]').click();
          await page.getByRole('link', { name: 'Airport kiosk' }).waitFor();
          // It now sits two levels deep: its row is indented beneath Harbour's.
          const depth = await page.getByRole('link', { name: 'Airport kiosk' }).evaluate((a) => {
            let n = 0;
            for (let e: Element | null = a; e; e = e.parentElement) if (e.tagName === 'UL') n++;
            return n;
          });
          assert.equal(depth, 3, 'the moved branch is nested under Harbour (root → Downtown → Harbour)');

          // A plan, priced in the ISP's currency.
          await page.goto(`/t/${slug}/plans`);
          await page.getByTestId('new-plan').click();
          await page.locator('input[name=name]').fill(planName);
          await page.locator('input[name=down]').fill('100');
          await page.locator('input[name=up]').fill('20');
          await page.locator('input[name=price]').fill('29.99');
          await page.locator('[role=dialog] button[type=submit]').click();
          await page.getByRole('cell', { name: planName, exact: true }).waitFor();
          await checkA11y(page, `plans (${lang})`);

          // A subscriber with a self-service password.
          await page.goto(`/t/${slug}/subscribers`);
          await page.getByTestId('new-subscriber').click();
          // The server's field errors land on the fields: submit an invalid e-mail first.
          await page.locator('input[name=first_name]').fill('Amira');
          await page.locator('input[name=last_name]').fill('Haddad');
          await page.locator('input[name=email]').fill('not-an-email');
          await page.locator('input[name=username]').fill(`amira.${lang}`);
          await page.locator('input[name=password]').fill('Net-pass-123');
          await page.locator('[role=dialog] button[type=submit]').click();
          await page.locator('input[name=email][aria-invalid=true]').waitFor();
          await page.locator('input[name=email]').fill(subEmail);
          await page.locator('input[name=portal_password]').fill('Portal-pass-123');
          await pick(page, 'select-plan_id', planName);
          await pick(page, 'select-branch_id', lang === 'ar' ? 'فرع الزمالك' : 'Harbour');
          await page.locator('[role=dialog] button[type=submit]').click();
          await page.waitForURL(new RegExp(`/t/${slug}/subscribers/[0-9a-f-]{36}$`));
          if (process.env.E2E_VERBOSE) {
            await page.waitForTimeout(2000);
            console.error(
              'DEBUG',
              page.url(),
              await page.evaluate(() => location.pathname + ' | ' + document.body.innerText.slice(0, 300)),
            );
          }
          await page.getByRole('heading', { name: 'Amira Haddad' }).waitFor();
          await page.getByText(planName).first().waitFor();
          await settle(page);
          await checkA11y(page, `subscriber page (${lang})`);
          await shot(page, `isp-subscriber-${lang}`);

          if (lang === 'en') {
            // A NAS (the server's field error lands on the address first), then a test login for the subscriber.
            await page.goto(`/t/${slug}/nas`);
            await page.getByTestId('new-nas').click();
            await page.locator('input[name=name]').fill('Core router');
            await page.locator('input[name=address]').fill('not-an-address');
            await page.locator('input[name=secret]').fill('Nas-secret-123');
            await page.locator('[role=dialog] button[type=submit]').click();
            await page.locator('input[name=address][aria-invalid=true]').waitFor();
            await page.locator('input[name=address]').fill('10.20.0.1');
            await page.locator('[role=dialog] button[type=submit]').click();
            await page.locator('[role=dialog]').waitFor({ state: 'detached' });
            await checkA11y(page, 'NAS devices');

            await page.goto(`/t/${slug}/test-login`);
            await page.locator('input[name=username]').fill(`amira.${lang}`);
            await page.locator('input[name=password]').fill('wrong-password');
            await page.getByTestId('run-test-login').click();
            await page.getByTestId('test-login-result').getByText('Access-Reject').waitFor();
            await page.locator('input[name=password]').fill('Net-pass-123');
            await page.getByTestId('run-test-login').click();
            await page.getByTestId('test-login-result').getByText('Access-Accept').waitFor();
            await checkA11y(page, 'test login');
            await shot(page, 'isp-test-login-en');
          }

          await page.goto(`/t/${slug}/subscribers`);
          await page.getByRole('link', { name: 'Amira Haddad' }).waitFor();
          await checkA11y(page, `subscribers (${lang})`);

          await page.goto(`/t/${slug}`);
          await settle(page);
          await page.getByText(planName).first().waitFor();
          await shot(page, `isp-dashboard-${lang}`);
        });
        await ctx.close();
      });

      test('the subscriber signs in to self-service and sees their plan', { timeout: 90_000 }, async () => {
        const ctx = await context(lang, { width: 375, height: 780 });
        const page = await ctx.newPage();
        await guard(page, `subscriber-${lang}`, async () => {
          await login(page, `/t/${slug}/login`, subEmail, 'Portal-pass-123', new RegExp(`/t/${slug}/me$`));
          const plan = page.getByTestId('plan-name');
          await plan.waitFor();
          assert.equal(await plan.innerText(), planName);
          assert.equal(await page.evaluate(() => document.documentElement.dir), dir);
          // Usable at 375 px: nothing wider than the screen.
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert.ok(overflow <= 1, `page overflows 375 px by ${overflow} px`);
          await checkA11y(page, `subscriber portal (${lang})`);
          await shot(page, `subscriber-${lang}`);
          // Self-service profile: the subscriber changes their phone and city; the form fits 375 px.
          await page.goto(`/t/${slug}/me/profile`);
          const phone = page.locator('input[name=phone]');
          await phone.waitFor();
          assert.equal(await page.locator('input[name=email]').inputValue(), subEmail);
          await phone.fill('+20 100 555 0101');
          await page.locator('input[name=city]').fill('Alexandria');
          await page.locator('form').filter({ has: phone }).locator('button[type=submit]').click();
          await page.getByTestId('profile-saved').waitFor();
          await page.reload();
          await phone.waitFor();
          assert.equal(await phone.inputValue(), '+20 100 555 0101');
          const o1 = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert.ok(o1 <= 1, `profile page overflows 375 px by ${o1} px`);
          await checkA11y(page, `subscriber profile (${lang})`);
          await shot(page, `subscriber-profile-${lang}`);
          // Usage over time with the quota left.
          await page.goto(`/t/${slug}/me/usage`);
          await settle(page);
          const o2 = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert.ok(o2 <= 1, `usage page overflows 375 px by ${o2} px`);
          await checkA11y(page, `subscriber usage (${lang})`);
          await shot(page, `subscriber-usage-${lang}`);
          await page.goto(`/t/${slug}/me/recharge`);
          await page.locator('input[name=pin]').waitFor();
          const o = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert.ok(o <= 1, `recharge overflows 375 px by ${o} px`);
          await checkA11y(page, `subscriber recharge (${lang})`);
        });
        await ctx.close();
      });

      test('the subscriber forgets the password, opens the mailed link on the branded portal and signs in with a new one', { timeout: 90_000 }, async () => {
        const ctx = await context(lang, { width: 375, height: 780 });
        const page = await ctx.newPage();
        await guard(page, `reset-${lang}`, async () => {
          await page.goto(`/t/${slug}/login`);
          await page.getByRole('button', { name: lang === 'ar' ? 'نسيت كلمة المرور؟' : 'Forgot password?' }).click();
          await page.locator('[role=dialog] input[type=email]').fill(subEmail);
          await page.locator('[role=dialog] button').last().click();
          await page.locator('[role=dialog] [role=alert], [role=dialog] .MuiAlert-root').first().waitFor();
          const link = await waitForMail(subEmail);
          const url = new URL(link);
          assert.equal(url.pathname, `/t/${slug}/reset-password`);
          await page.goto(`${url.pathname}${url.search}`);
          await page.locator('input[name=password]').fill('Brand-new-pass-42');
          await page.locator('input[name=password_again]').fill('Brand-new-pass-42');
          await checkA11y(page, `reset password page (${lang})`);
          await shot(page, `reset-password-${lang}`);
          await page.locator('button[type=submit]').click();
          await page.getByTestId('reset-login').click();
          await login(page, `/t/${slug}/login`, subEmail, 'Brand-new-pass-42', new RegExp(`/t/${slug}/me$`));
          // The link is single-use.
          await page.evaluate(() => localStorage.clear());
          await page.goto(`${url.pathname}${url.search}`);
          await page.locator('input[name=password]').fill('Another-pass-43');
          await page.locator('input[name=password_again]').fill('Another-pass-43');
          await page.locator('button[type=submit]').click();
          await page.locator('form [role=alert]').waitFor();
        });
        await ctx.close();
      });
    });
  }

  describe('demo ISP portals', () => {
    test('the ISP portal, the branch portal and the other main pages pass axe', { timeout: 150_000 }, async () => {
      const ctx = await context('en');
      const page = await ctx.newPage();
      await guard(page, 'demo', async () => {
        await login(page, '/t/demo-isp/login', 'admin@demo-isp.com', 'admin123', /\/t\/demo-isp$/);
        await settle(page);
        await checkA11y(page, 'demo ISP dashboard');
        await shot(page, 'isp-dashboard-demo');
        for (const p of ['subscribers', 'tickets', 'sessions', 'plans', 'branches', 'nas', 'test-login', 'vouchers', 'staff', 'api-keys', 'settings', 'subscription', 'security',
          'noc', 'noc/devices', 'noc/incidents', 'noc/topology', 'noc/rules', 'noc/maintenance', 'noc/sla', 'noc/logs']) {
          await page.goto(`/t/demo-isp/${p}`);
          await settle(page);
          await checkA11y(page, `demo ISP ${p}`);
          if (p === 'subscribers') await shot(page, 'isp-subscribers-demo');
          if (p === 'sessions') await shot(page, 'isp-sessions-demo');
          if (p === 'noc') await shot(page, 'noc-dashboard-demo');
          if (p === 'subscription') await shot(page, 'isp-subscription-demo');
        }
        // The demo voucher batch: its page with the cards, and the generate dialog.
        await page.goto('/t/demo-isp/vouchers');
        // A serial number finds its card across batches.
        await page.locator('input[name=find-serial]').fill('0001-00003');
        await page.getByRole('cell', { name: '0001-00003' }).waitFor();
        await checkA11y(page, 'voucher serial search');
        await page.getByRole('link', { name: /Standard 25M/ }).first().click();
        await page.getByRole('heading', { name: /Standard 25M/ }).waitFor();
        await settle(page);
        await checkA11y(page, 'demo voucher batch page');
        await shot(page, 'isp-voucher-batch-demo');
        await page.goto('/t/demo-isp/vouchers');
        await page.getByTestId('new-batch').click();
        await page.locator('input[name=name]').waitFor();
        await checkA11y(page, 'voucher generate dialog');
        // A NOC device page (interfaces, traffic graph) and the device dialog with its SNMP settings.
        await page.goto('/t/demo-isp/noc/devices');
        await page.getByRole('link', { name: 'Core router' }).click();
        await page.getByRole('heading', { name: 'Core router' }).waitFor();
        await settle(page);
        await checkA11y(page, 'demo NOC device page');
        await shot(page, 'noc-device-demo');
        await page.getByRole('button', { name: 'Edit' }).click();
        await page.locator('input[name=snmp_community]').waitFor();
        await checkA11y(page, 'NOC device dialog');
        await page.keyboard.press('Escape');
        await page.goto('/t/demo-isp/subscribers?q=john');
        await page.getByRole('link', { name: 'John Doe' }).click();
        await page.getByRole('heading', { name: 'John Doe' }).waitFor();
        await settle(page);
        await checkA11y(page, 'demo subscriber page');
        await shot(page, 'isp-subscriber-demo');
        // Plan, add-ons and discounts: the demo's static IP and deposit, and the change-plan dialog's pro-rated preview.
        const extras = page.getByTestId('subscriber-extras');
        await extras.getByText('Static public IP').waitFor();
        await extras.getByTestId('deposits-held').waitFor();
        await extras.scrollIntoViewIfNeeded();
        await shot(page, 'isp-subscriber-extras');
        await page.getByTestId('change-plan').click();
        await page.getByTestId('change-plan-dialog').getByRole('combobox').click();
        await page.getByRole('option').first().click();
        await page.getByTestId('plan-preview').waitFor();
        await checkA11y(page, 'change plan dialog');
        await shot(page, 'isp-change-plan');
        await page.keyboard.press('Escape');
        await page.getByTestId('change-plan-dialog').waitFor({ state: 'hidden' });
        // Reply attributes on the subscriber page: the server's dictionary check lands on the field, then a valid one is saved.
        await page.getByTestId('add-radius-attribute').click();
        await page.locator('input[name$=_attribute]').last().fill('No-Such-Attribute');
        await page.locator('input[name$=_value]').last().fill('x');
        await page.getByTestId('save-radius').click();
        await page.locator('input[name$=_attribute][aria-invalid=true]').waitFor();
        await page.locator('input[name$=_attribute]').last().fill('Reply-Message');
        await page.locator('input[name$=_value]').last().fill('Welcome back');
        await page.getByTestId('save-radius').click();
        await page.getByRole('status').filter({ hasText: 'Attributes saved' }).waitFor();
        await checkA11y(page, 'subscriber reply attributes');
        await page.reload();
        await page.getByRole('heading', { name: 'John Doe' }).waitFor();
        assert.ok((await page.locator('input[name$=_value]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).includes('Welcome back'));
        // IP pools under the NAS devices.
        await page.goto('/t/demo-isp/nas');
        await page.getByTestId('new-pool').click();
        await page.locator('[role=dialog] input[name=name]').fill('E2E pool');
        await page.locator('input[name=first_ip]').fill('100.64.200.1');
        await page.locator('input[name=last_ip]').fill('100.64.200.20');
        await page.locator('[role=dialog] button[type=submit]').click();
        await page.getByRole('cell', { name: 'E2E pool', exact: true }).waitFor();
        await settle(page);
        await checkA11y(page, 'NAS page with IP pools');
        await shot(page, 'isp-nas-pools-demo');
      });
      await ctx.close();

      const bctx = await context('en');
      const bpage = await bctx.newPage();
      await login(bpage, '/t/demo-isp/login', 'north.manager@demo-isp.com', 'admin123', /\/t\/demo-isp$/);
      await settle(bpage);
      await checkA11y(bpage, 'branch portal dashboard');
      await shot(bpage, 'branch-dashboard');
      // The branch manager's role cannot see API keys or settings.
      assert.equal(await bpage.locator('a[href="/t/demo-isp/api-keys"]').count(), 0);
      assert.equal(await bpage.locator('a[href="/t/demo-isp/settings"]').count(), 0);
      await bctx.close();

      const mctx = await context('en', { width: 375, height: 780 });
      const mpage = await mctx.newPage();
      await login(mpage, '/t/demo-isp/login', 'admin@demo-isp.com', 'admin123', /\/t\/demo-isp$/);
      await settle(mpage);
      const overflow = await mpage.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `ISP dashboard overflows 375 px by ${overflow} px`);
      await shot(mpage, 'isp-dashboard-375');
      await mpage.goto('/t/demo-isp/subscribers');
      await settle(mpage);
      await shot(mpage, 'isp-subscribers-375');
      for (const p of ['nas', 'test-login', 'sessions', 'vouchers', 'noc', 'noc/devices', 'noc/incidents', 'noc/topology', 'noc/rules', 'noc/maintenance', 'noc/sla', 'noc/logs']) {
        await mpage.goto(`/t/demo-isp/${p}`);
        await settle(mpage);
        const o = await mpage.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(o <= 1, `${p} overflows 375 px by ${o} px`);
      }
      await mpage.goto('/t/demo-isp/plans');
      await settle(mpage);
      await mpage.getByTestId('new-plan').click();
      await mpage.getByTestId('plan-aaa').click();
      await mpage.locator('input[name=fup_monthly_bytes]').waitFor();
      await checkA11y(mpage, 'plan dialog with bandwidth & fair use, 375 px');
      await shot(mpage, 'isp-plan-aaa-375');
      await mctx.close();
    });

    test('payments, fraud review, gateway and dunning pages pass axe and fit 375 px; the subscriber sees what to pay', { timeout: 120_000 }, async () => {
      const ctx = await context('en', { width: 375, height: 780 });
      const page = await ctx.newPage();
      await guard(page, 'payments', async () => {
        await login(page, '/t/demo-isp/login', 'admin@demo-isp.com', 'admin123', /\/t\/demo-isp$/);
        for (const p of ['payments', 'fraud-review', 'payment-gateways', 'dunning']) {
          await page.goto(`/t/demo-isp/${p}`);
          await page.locator('main h1').waitFor();
          await settle(page);
          await checkA11y(page, `demo ISP ${p}, 375 px`);
          const o = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert.ok(o <= 1, `${p} overflows 375 px by ${o} px`);
        }
        await page.goto('/t/demo-isp/payments');
        await page.getByTestId('record-payment').click();
        await page.locator('input[name=amount]').waitFor();
        await checkA11y(page, 'record payment dialog, 375 px');
        await shot(page, 'isp-record-payment-375');
      });
      await ctx.close();
      const sctx = await context('en', { width: 375, height: 780 });
      const spage = await sctx.newPage();
      await guard(spage, 'subscriber-pay', async () => {
        await login(spage, '/t/demo-isp/login', 'john.doe@email.com', 'user123', /\/t\/demo-isp\/me$/);
        await spage.goto('/t/demo-isp/me/pay');
        await spage.locator('main h1').waitFor();
        await settle(spage);
        // No gateway is configured in the demo: no "Pay now" button is offered.
        assert.equal(await spage.getByTestId('pay-now').count(), 0);
        await checkA11y(spage, 'subscriber pay page, 375 px');
      });
      await sctx.close();
    });

    test('the founder dashboard and SaaS billing fit 375 px; the MRR chart is drawn from the demo run', { timeout: 90_000 }, async () => {
      const ctx = await context('en', { width: 375, height: 780 });
      const page = await ctx.newPage();
      await guard(page, 'saas-375', async () => {
        await login(page, '/login', 'founder@astranetix.com', 'admin123', /\/founder$/);
        await page.locator('.uplot canvas').first().waitFor();
        for (const p of ['/founder', '/founder/billing']) {
          await page.goto(p);
          await page.locator('main h1').waitFor();
          await settle(page);
          await checkA11y(page, `${p}, 375 px`);
          const o = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert.ok(o <= 1, `${p} overflows 375 px by ${o} px`);
        }
        await shot(page, 'founder-saas-billing-375');
      });
      await ctx.close();
    });

    test('billing pages pass axe and fit 375 px; an invoice opens, a billing run shows its progress; the subscriber sees their invoices', { timeout: 120_000 }, async () => {
      const ctx = await context('en', { width: 375, height: 780 });
      const page = await ctx.newPage();
      await guard(page, 'billing', async () => {
        await login(page, '/t/demo-isp/login', 'admin@demo-isp.com', 'admin123', /\/t\/demo-isp$/);
        await page.getByTestId('revenue').waitFor();
        for (const p of ['billing/invoices', 'billing/runs', 'billing/taxes', 'billing/rates', 'billing/addons', 'billing/coupons']) {
          await page.goto(`/t/demo-isp/${p}`);
          await page.locator('main h1').waitFor();
          await settle(page);
          await checkA11y(page, `demo ISP ${p}, 375 px`);
          const o = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert.ok(o <= 1, `${p} overflows 375 px by ${o} px`);
        }
        await page.goto('/t/demo-isp/billing/invoices');
        await page.locator('main table tbody tr a').first().click();
        await page.getByTestId('invoice-pdf').waitFor();
        await settle(page);
        await checkA11y(page, 'invoice view, 375 px');
        const o = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(o <= 1, `invoice view overflows 375 px by ${o} px`);
        await shot(page, 'isp-invoice-375');
        await page.goto('/t/demo-isp/billing/runs');
        await page.getByTestId('start-run').click();
        await page.getByText(/processed/).waitFor();
        await shot(page, 'isp-billing-run-375');
      });
      await ctx.close();
      const sctx = await context('en', { width: 375, height: 780 });
      const spage = await sctx.newPage();
      await guard(spage, 'subscriber-invoices', async () => {
        await login(spage, '/t/demo-isp/login', 'john.doe@email.com', 'user123', /\/t\/demo-isp\/me$/);
        await spage.goto('/t/demo-isp/me/invoices');
        await spage.locator('main table tbody tr').first().waitFor();
        await settle(spage);
        await checkA11y(spage, 'subscriber invoices page, 375 px');
        assert.ok((await spage.locator('main table tbody tr').count()) >= 2);
      });
      await sctx.close();
    });

    test('support: the desk, a ticket with an internal note, the subscriber tickets tab and the self-service Support page pass axe, fit 375 px and read right to left', { timeout: 150_000 }, async () => {
      for (const [lang, width] of [['en', 375], ['ar', 1280]] as const) {
        const ctx = await context(lang, { width, height: 820 });
        const page = await ctx.newPage();
        await guard(page, `tickets-${lang}`, async () => {
          await login(page, '/t/demo-isp/login', 'support@demo-isp.com', 'admin123', /\/t\/demo-isp$/);
          await page.getByTestId('ticket-figures').waitFor();
          await settle(page);
          await shot(page, `isp-dashboard-tickets-${lang}`);
          await page.goto('/t/demo-isp/tickets');
          await page.locator('main table tbody tr a').first().waitFor();
          await settle(page);
          // The demo has a ticket past its first-response target.
          assert.ok(await page.getByTestId('overdue').count() >= 1, 'an overdue flag is shown');
          await checkA11y(page, `tickets list (${lang}, ${width} px)`);
          const o = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert.ok(o <= 1, `tickets list overflows ${width} px by ${o} px`);
          await shot(page, `isp-tickets-${lang}-${width}`);
          await page.locator('main table tbody tr a', { hasText: 'Internet drops every evening' }).click();
          await page.getByTestId('send-message').waitFor();
          await settle(page);
          await checkA11y(page, `ticket page (${lang})`);
          const o2 = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert.ok(o2 <= 1, `ticket page overflows ${width} px by ${o2} px`);
          if (lang === 'en') {
            await page.locator('input[name=internal]').check();
            await page.locator('textarea[name=body]').fill('E2E: checked the line card, all green');
            await page.getByTestId('send-message').click();
            await page.getByText('E2E: checked the line card, all green').waitFor();
          }
          await shot(page, `isp-ticket-${lang}-${width}`);
          await page.goto('/t/demo-isp/subscribers');
          await page.getByRole('link', { name: /John/ }).first().click();
          await page.getByTestId('tickets-tab').click();
          await page.locator('main a', { hasText: 'Double charge' }).waitFor();
          await settle(page);
          await checkA11y(page, `subscriber tickets tab (${lang})`);
        });
        await ctx.close();
        const sctx = await context(lang, { width, height: 820 });
        const spage = await sctx.newPage();
        await guard(spage, `self-support-${lang}`, async () => {
          await login(spage, '/t/demo-isp/login', 'john.doe@email.com', 'user123', /\/t\/demo-isp\/me$/);
          await spage.goto('/t/demo-isp/me/support');
          await spage.locator('main li a').first().waitFor();
          await settle(spage);
          await checkA11y(spage, `self-service support (${lang}, ${width} px)`);
          const o = await spage.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert.ok(o <= 1, `support page overflows ${width} px by ${o} px`);
          await shot(spage, `self-support-${lang}-${width}`);
          await spage.locator('main li a', { hasText: 'Internet drops every evening' }).click();
          await spage.getByTestId('send-reply').waitFor();
          await settle(spage);
          // Internal notes never reach the subscriber's page.
          assert.equal(await spage.getByText('Lost-Carrier').count(), 0);
          assert.equal(await spage.getByText('E2E: checked the line card').count(), 0);
          await checkA11y(spage, `self-service ticket (${lang})`);
          await shot(spage, `self-ticket-${lang}-${width}`);
          if (lang === 'en') {
            await spage.goto('/t/demo-isp/me/support');
            await spage.locator('input[name=subject]').fill('Static IP for my camera');
            await spage.locator('textarea[name=body]').fill('Can I get a fixed address?');
            await spage.getByTestId('open-ticket').click();
            await spage.getByTestId('send-reply').waitFor();
            await spage.getByText('Can I get a fixed address?').waitFor();
          }
        });
        await sctx.close();
      }
    });

    test('the dashboard and the sessions page follow the live event stream', { timeout: 60_000 }, async () => {
      const ctx = await context('en', { width: 375, height: 780 }, true);
      const page = await ctx.newPage();
      await guard(page, 'live', async () => {
        await login(page, '/t/demo-isp/login', 'admin@demo-isp.com', 'admin123', /\/t\/demo-isp$/);
        await page.locator('[data-testid=live-badge][data-live=on]').waitFor();
        await page.getByTestId('sessions-online').waitFor();
        await page.goto('/t/demo-isp/sessions');
        await page.locator('[data-testid=live-badge][data-live=on]').waitFor();
        await page.locator('main h1').waitFor();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 1, `sessions page overflows 375 px by ${overflow} px`);
        await checkA11y(page, 'sessions page, live');
      });
      await ctx.close();
    });

    test('a founder resets the password from the platform login', { timeout: 60_000 }, async () => {
      const ctx = await context('en');
      const page = await ctx.newPage();
      await guard(page, 'reset-founder', async () => {
        await page.goto('/login');
        await page.getByRole('button', { name: 'Forgot password?' }).click();
        await page.locator('[role=dialog] input[type=email]').fill('founder@astranetix.com');
        await page.locator('[role=dialog] button').last().click();
        const url = new URL(await waitForMail('founder@astranetix.com'));
        assert.equal(url.pathname, '/reset-password');
        await page.goto(`${url.pathname}${url.search}`);
        await page.locator('input[name=password]').fill('Founder-new-pass-1');
        await page.locator('input[name=password_again]').fill('Founder-new-pass-1');
        await page.locator('button[type=submit]').click();
        await page.getByTestId('reset-login').click();
        await login(page, '/login', 'founder@astranetix.com', 'Founder-new-pass-1', /\/founder$/);
        // System monitoring from the real metrics: rates appear once two samples (5 s apart) exist.
        await page.goto('/founder/system');
        await page.getByRole('heading', { name: 'API requests', exact: true }).first().waitFor();
        await page.locator('main svg rect').first().waitFor({ timeout: 20_000 });
        await checkA11y(page, 'founder system monitoring');
        await shot(page, 'founder-system');
      });
      await ctx.close();
    });

    test('the PWA manifest, service worker and offline page are served', async () => {
      const m = await fetch(`${server.url}/manifest.webmanifest`);
      assert.equal(m.status, 200);
      const manifest = (await m.json()) as { icons: { sizes: string }[]; display: string };
      assert.equal(manifest.display, 'standalone');
      assert.ok(manifest.icons.some((i) => i.sizes === '512x512'));
      assert.equal((await fetch(`${server.url}/sw.js`)).status, 200);
      assert.equal((await fetch(`${server.url}/offline.html`)).status, 200);
      assert.equal((await fetch(`${server.url}/icons/icon-192.png`)).status, 200);
    });
  });
});
