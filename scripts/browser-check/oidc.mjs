// Sign-in to the workspace through a real OpenID Connect provider (oidc-provider, pinned), in headless Chromium
// with JavaScript off:
//   node scripts/browser-check/oidc.mjs target/debug/cna-directory [out-dir]
// Starts the provider (test accounts whose claims carry role and State) and the server configured for it, then as a
// person would: opens the workspace, signs in at the provider, lands on France's workspace and does a focal point's
// whole round (france.mjs: confirm, edit, a conflict, the workbook through LibreOffice, preview, apply, the public
// page and the mirror, refusals); a session left idle ends, and a person an administrator revokes is signed out;
// the provider rotates its signing keys; the EJN secretariat signs in (the server reads the new keys), keeps its
// members in Arabic (axe-core, WCAG 2.1 AA) and adds one; and a person whose claims name no role of the directory
// is refused.
import { chromium } from 'playwright-core';
import Provider from 'oidc-provider';
import { generateKeyPair, exportJWK } from 'jose';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditor } from './axe.mjs';
import { franceWalkthrough } from './france.mjs';

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
// A session ends after this long without use: long enough for the walkthrough's slowest step (LibreOffice).
const IDLE_SECONDS = 45;
const serverEnv = {
  ...process.env,
  CNA_JWT_SECRET: `oidc-check-${Date.now()}-a-secret-of-32-bytes-or-more`,
  CNA_SESSION_IDLE: `${IDLE_SECONDS}s`,
  DATABASE_URL: `sqlite://${work}/d.db?mode=rwc`,
  CNA_LISTEN: `127.0.0.1:${appPort}`,
  CNA_PUBLIC_URL: app,
  CNA_RATE_LIMIT: '0',
  RUST_LOG: 'warn',
  CNA_OIDC_ISSUER: issuer,
  CNA_OIDC_CLIENT_ID: 'cna-directory',
  CNA_OIDC_CLIENT_SECRET: 'a-test-secret-of-the-directory-client',
  CNA_OIDC_SCOPES: 'cna',
};
const server = spawn(binary, ['serve', '--demo'], { env: serverEnv, stdio: ['ignore', 'inherit', 'inherit'] });
// API tokens (the conflict made meanwhile, checks, an administrator's revocation), minted by the server's command.
const mint = (...args) => execFileSync(binary, ['token', ...args], { env: serverEnv }).toString().trim();
const tokens = { france: mint('--role', 'focal_point', '--state', 'FRA', '--sub', 'api-desk'), admin: mint('--role', 'admin', '--sub', 'ci-admin') };
async function api(query, variables = {}, auth = tokens.france) {
  const response = await fetch(`${app}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${auth}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}
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
const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1100, height: 900 } });
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

// Signed in through the provider, France's focal point does the whole round.
await franceWalkthrough({ page, base: app, out, api, axe, fail });

// A session left without use ends: the next page is the sign-in, saying why.
await page.goto(`${app}/workspace?lang=en`);
await page.waitForTimeout((IDLE_SECONDS + 2) * 1000);
const idle = await page.goto(`${app}/workspace?lang=en`);
if (idle.status() !== 401 || !(await page.textContent('main')).includes('without use')) fail('an idle session did not end');

// An administrator revokes the person: the session ends at once.
await context.clearCookies();
await signIn('paris-desk');
if (!(await page.isVisible('#due'))) fail('signing in again failed');
await api('mutation { revokeTokensOf(sub: "paris-desk") }', {}, tokens.admin);
const revoked = await page.goto(`${app}/workspace?lang=en`);
if (revoked.status() !== 401 || !(await page.textContent('main')).includes('withdrawn')) fail('a revoked person is still signed in');
await context.clearCookies();

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
console.log('ok: signed in through oidc-provider, kept the language, did a focal point\'s whole round (workbook through LibreOffice included), an idle session ended, a revoked person was signed out, survived a key rotation, a secretariat kept its members in Arabic, refused an unknown role');
