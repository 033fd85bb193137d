// Sign-in to the workspace through a real OpenID Connect provider (oidc-provider, pinned), in headless Chromium
// with JavaScript off:
//   node scripts/browser-check/oidc.mjs target/debug/cna-directory [out-dir]
// Starts the provider (test accounts whose claims carry role and State) and the server configured for it, then as a
// person would: opens the workspace, signs in at the provider, lands on France's workspace, changes a phone number
// and sees it on the public page; signs out; the provider rotates its signing keys; the EJN secretariat signs in
// (the server reads the new keys), keeps its members in Arabic (axe-core, WCAG 2.1 AA) and adds one; and a person
// whose claims name no role of the directory is refused.
import { chromium } from 'playwright-core';
import Provider from 'oidc-provider';
import { generateKeyPair, exportJWK } from 'jose';
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditor } from './axe.mjs';

const binary = process.argv[2] ?? 'target/debug/cna-directory';
const out = process.argv[3] ?? '/tmp/cna-oidc';
mkdirSync(out, { recursive: true });
const fail = (message) => {
  console.error(`FAILED: ${message}`);
  cleanup();
  process.exit(1);
};

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
const [opPort, appPort] = [await freePort(), await freePort()];
const issuer = `http://127.0.0.1:${opPort}`;
const app = `http://127.0.0.1:${appPort}`;
const ACCOUNTS = {
  'paris-desk': { role: 'focal_point', state: 'FRA' },
  'ejn-secretariat': { role: 'network_secretariat', network: 'EJN' },
  'nobody-desk': { role: 'guest' },
};

async function startProvider() {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: `key-${Date.now()}`, alg: 'RS256', use: 'sig' };
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'cna-directory',
        client_secret: 'a-test-secret-of-the-directory-client',
        redirect_uris: [`${app}/workspace/sign-in/callback`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [jwk] },
    claims: { openid: ['sub'], cna: ['role', 'state', 'network'] },
    scopes: ['openid', 'cna'],
    async findAccount(ctx, id) {
      const claims = ACCOUNTS[id];
      if (!claims) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...claims }) };
    },
  });
  provider.proxy = false;
  const server = provider.listen(opPort);
  await new Promise((resolve) => server.once('listening', resolve));
  return server;
}

let op = await startProvider();
const work = mkdtempSync(join(tmpdir(), 'cna-oidc-'));
const server = spawn(binary, ['serve', '--demo'], {
  env: {
    ...process.env,
    DATABASE_URL: `sqlite://${work}/d.db?mode=rwc`,
    CNA_LISTEN: `127.0.0.1:${appPort}`,
    CNA_PUBLIC_URL: app,
    CNA_RATE_LIMIT: '0',
    RUST_LOG: 'warn',
    CNA_OIDC_ISSUER: issuer,
    CNA_OIDC_CLIENT_ID: 'cna-directory',
    CNA_OIDC_CLIENT_SECRET: 'a-test-secret-of-the-directory-client',
    CNA_OIDC_SCOPES: 'cna',
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});
let browser;
process.on('uncaughtException', (e) => fail(e.stack ?? String(e)));
process.on('unhandledRejection', (e) => fail(e?.stack ?? String(e)));
function cleanup() {
  server.kill();
  op?.close();
  browser?.close().catch(() => {});
  rmSync(work, { recursive: true, force: true });
}
for (let i = 0; ; i++) {
  const ready = await fetch(`${app}/readyz`).then((r) => r.ok).catch(() => false);
  if (ready) break;
  if (i > 600) fail('the server did not become ready');
  await new Promise((r) => setTimeout(r, 100));
}

browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
// No network beyond the two local servers.
const context = await browser.newContext({ javaScriptEnabled: false });
await context.route('**/*', (route) => {
  const url = route.request().url();
  return url.startsWith(app) || url.startsWith(issuer) ? route.continue() : route.abort();
});
const page = await context.newPage();
const audit = await auditor(browser, (url) => url.startsWith(app));
async function axe(name) {
  for (const violation of await audit.check(page, name)) fail(violation);
  await page.screenshot({ path: `${out}/${name}.png`, fullPage: true });
}

async function signIn(login) {
  console.log(`signing in as ${login}`);
  await page.goto(`${app}/workspace?lang=fr`);
  await page.click('#oidc');
  await page.waitForSelector('input[name=login]', { timeout: 10000 }).catch(async () => {
    fail(`the provider's login page did not open: ${page.url()} ${(await page.textContent('body')).slice(0, 300)}`);
  });
  await page.fill('input[name=login]', login);
  await page.fill('input[name=password]', 'any');
  await page.click('button[type=submit]');
  // The provider asks for consent the first time.
  await page.waitForLoadState();
  if (page.url().startsWith(issuer)) await page.click('button[type=submit]');
  await page.waitForLoadState();
  if (!page.url().startsWith(app)) fail(`the provider did not send the browser back: ${page.url()}`);
}

await signIn('paris-desk');
if (!(await page.isVisible('#due'))) fail(`signed in, but not on the workspace: ${page.url()}`);
if ((await page.getAttribute('html', 'lang')) !== 'fr') fail('the language chosen before leaving is lost');
if (!(await page.textContent('h1')).includes('France')) fail('not the workspace of France');
await axe('home-fr');

// Signed in through the provider, the focal point changes a phone number; the public page shows it.
const entry = await page.getAttribute('section[aria-labelledby=entries] a[href*="/workspace/authorities/"]', 'href');
await page.goto(`${app}${entry}`);
await page.fill('#f-phone', '+33 1 44 77 61 00');
await Promise.all([page.waitForURL(/saved=1/), page.click('form.entry button[type=submit]')]);
await page.goto(`${app}/directory/FRA`);
if (!(await page.textContent('main')).includes('+33144776100')) fail('the change made after an OIDC sign-in is not public');
await page.goto(`${app}/workspace`);
await page.click('form[action="/workspace/sign-out"] button');

// The provider rotates its keys: the next ID token is signed with a key the server has not seen. The network's
// secretariat signs in and keeps its members, in Arabic.
op.close();
op = await startProvider();
await context.clearCookies();
await signIn('ejn-secretariat');
if (!(await page.isVisible('#network-link'))) fail('after the provider rotated its keys, the sign-in failed');
await page.goto(`${app}/workspace/network?lang=ar`);
if ((await page.getAttribute('html', 'dir')) !== 'rtl') fail('the members page is not right to left in Arabic');
await axe('network-ar');
await page.selectOption('#m-state', 'CHE');
await page.selectOption('#m-status', 'OBSERVER');
await page.click('form[action="/workspace/network/members"] button[type=submit]');
await page.waitForSelector('tr[data-state=CHE]');
await axe('network-added-ar');
await page.goto(`${app}/workspace`);
await page.click('form[action="/workspace/sign-out"] button');

// Claims that name no role of the directory: refused, nothing opened.
await context.clearCookies();
await signIn('nobody-desk');
const refused = await page.textContent('main');
if (await page.isVisible('#due')) fail('a person with no role of the directory was signed in');
if (!refused.includes('n’a pas abouti')) fail(`the refusal does not say so: ${refused}`);

cleanup();
console.log('ok: signed in through oidc-provider, kept the language, edited an entry, survived a key rotation, a secretariat kept its members in Arabic, refused an unknown role');
