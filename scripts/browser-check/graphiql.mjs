// GraphiQL in a real headless Chromium with no network but the server: the page loads from the binary's own
// assets, a query typed into the editor runs, and the answer shows; nothing breaks the content-security policy.
//   node scripts/browser-check/graphiql.mjs http://127.0.0.1:8080
import { chromium } from 'playwright-core';

const base = process.argv[2];
const fail = (message) => {
  console.error(`FAILED: ${message}`);
  process.exit(1);
};
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const context = await browser.newContext();
const origin = new URL(base).origin;
const outside = [];
await context.route('**/*', (route) => {
  if (route.request().url().startsWith(origin)) return route.continue();
  outside.push(route.request().url());
  return route.abort();
});
const page = await context.newPage();
const problems = [];
page.on('console', (m) => {
  if (m.type() === 'error') problems.push(m.text());
});
page.on('pageerror', (e) => problems.push(String(e)));

await page.goto(`${base}/graphql`);
await page.waitForSelector('.graphiql-query-editor .CodeMirror', { timeout: 20000 }).catch(() => fail('GraphiQL did not load'));
await page.click('.graphiql-query-editor .CodeMirror');
await page.keyboard.press('Control+A');
await page.keyboard.press('Delete');
await page.keyboard.type('{ conventions { code');
await page.click('.graphiql-execute-button');
await page
  .waitForFunction(() => document.querySelector('.result-window')?.textContent.includes('UNTOC'), null, { timeout: 20000 })
  .catch(async () => fail(`no answer: ${await page.textContent('.result-window').catch(() => '?')}`));
// The header editor carries a token: the same page then speaks as its holder.
const token = process.env.CNA_TOKEN;
if (token) {
  await page.click('.graphiql-editor-tool .CodeMirror >> visible=true');
  await page.keyboard.type(`{"Authorization": "Bearer ${token}"`);
  await page.click('.graphiql-query-editor .CodeMirror');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type('{ me { role state');
  await page.click('.graphiql-execute-button');
  await page
    .waitForFunction(() => document.querySelector('.result-window')?.textContent.includes('focal_point'), null, { timeout: 20000 })
    .catch(async () => fail(`the token was not sent: ${await page.textContent('.result-window').catch(() => '?')}`));
}
if (outside.length) fail(`the page asked for ${outside.join(', ')}`);
const csp = problems.filter((p) => p.includes('Content Security Policy'));
if (csp.length) fail(`the policy blocked: ${csp.join(' | ')}`);
await browser.close();
console.log('ok: GraphiQL loads offline, runs a typed query and shows the answer');
