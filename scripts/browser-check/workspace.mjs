// Signing in to the workspace with a link an administrator issued, in headless Chromium with JavaScript off and no
// network:
//   CNA_INVITE=<sign-in link> node scripts/browser-check/workspace.mjs URL [out-dir]
// Open the link, sign in, see the review list, sign out; the link does not sign in twice. axe-core checks each workspace page (WCAG 2.1 AA); screenshots go to out-dir.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { auditor } from './axe.mjs';

const base = process.argv[2];
const out = process.argv[3] ?? '/tmp/cna-workspace';
mkdirSync(out, { recursive: true });
const invite = process.env.CNA_INVITE;
if (!invite) throw new Error('CNA_INVITE is needed');
const fail = (message) => {
  console.error(`FAILED: ${message}`);
  process.exit(1);
};

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const origin = new URL(base).origin;
const offline = (route) => (route.request().url().startsWith(origin) ? route.continue() : route.abort());
const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1100, height: 900 } });
await context.route('**/*', offline);
const page = await context.newPage();
const audit = await auditor(browser, (url) => url.startsWith(origin));
async function axe(name) {
  for (const violation of await audit.check(page, name)) fail(violation);
  await page.screenshot({ path: `${out}/${name}.png`, fullPage: true });
}

// Sign in with the link.
await page.goto(invite);
await axe('sign-in');
await Promise.all([page.waitForURL(/\/workspace(\?|$)/), page.click('button[type=submit]')]);
if (!(await page.isVisible('#due'))) fail('no review list after sign-in');
await axe('home');

// What a focal point then does is checked once, after a sign-in through the identity provider (oidc.mjs). The link
// signs nobody in twice.
const again = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
if ((await again.goto(invite)).status() !== 401) fail('the sign-in link opened a second time');

// Sign out.
await page.goto(`${base}/workspace`);
await page.click('form[action="/workspace/sign-out"] button');
const after = await page.goto(`${base}/workspace`);
if (after.status() !== 401) fail('still signed in after signing out');

await browser.close();
console.log(`ok: signed in with a link (once), saw the review list, signed out; screenshots in ${out}`);
