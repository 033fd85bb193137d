// The printable directory and the route page in a real headless Chromium (Debian's /usr/bin/chromium), with
// JavaScript off and every request that does not go to the server refused (no network):
//   node scripts/browser-check/check.mjs http://127.0.0.1:8080 [out.pdf]
// The pages render, their numbers match the API's, the route form works, and printing makes an A4 PDF.
import { chromium } from 'playwright-core';

const base = process.argv[2];
const pdfPath = process.argv[3] ?? '/tmp/cna-directory-FRA.pdf';
const fail = (message) => {
  console.error(`FAILED: ${message}`);
  process.exit(1);
};

async function api(query) {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  const body = await response.json();
  if (body.errors) fail(JSON.stringify(body.errors));
  return body.data;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
const context = await browser.newContext({ javaScriptEnabled: false });
const origin = new URL(base).origin;
await context.route('**/*', (route) => (route.request().url().startsWith(origin) ? route.continue() : route.abort()));
const page = await context.newPage();
const count = async (selector) => Number(await page.getAttribute(selector, 'data-count'));

// The list of States.
const response = await page.goto(`${base}/directory`);
if (response.status() !== 200) fail(`/directory answered ${response.status()}`);
const data = await api('{ fra: authorities(filter: {state: "FRA"}) { totalCount } all: authorities { totalCount } }');
if ((await count('#state-FRA td.count')) !== data.fra.totalCount) fail('the count of France differs from the API');
if (Number(await page.textContent('#total')) !== data.all.totalCount) fail('the total differs from the API');

// One State's page, printed.
await page.click('#state-FRA a');
if (!page.url().endsWith('/directory/FRA')) fail(`the link went to ${page.url()}`);
if ((await count('#count')) !== data.fra.totalCount) fail("the State's page shows another number");
const headings = await page.$$eval('section.authority h2', (hs) => hs.length);
if (headings !== data.fra.totalCount) fail(`${headings} authorities shown, ${data.fra.totalCount} in the API`);
await page.emulateMedia({ media: 'print' });
const pdf = await page.pdf({ path: pdfPath, format: 'A4', printBackground: false });
if (pdf.length < 5000 || pdf.subarray(0, 4).toString() !== '%PDF') fail('printing made no PDF');
await page.emulateMedia({ media: 'screen' });

// The route finder, used as a person would: fill the form, submit it.
await page.goto(`${base}/route`);
await page.fill('input[name=from]', 'FRA');
await page.fill('input[name=to]', 'ESP');
await page.selectOption('select[name=function]', 'MUTUAL_LEGAL_ASSISTANCE');
await page.fill('input[name=convention]', 'UNTOC');
await Promise.all([page.waitForURL(/\/route\?/), page.click('button[type=submit]')]);
const route = await api(
  '{ route(from: "FRA", to: "ESP", function: MUTUAL_LEGAL_ASSISTANCE, convention: "UNTOC") { authorities { id } } }',
);
if ((await count('#route-count')) !== route.route.authorities.length) fail('the route page differs from the API');

await browser.close();
console.log(`ok: /directory, /directory/FRA (${data.fra.totalCount} authorities, ${pdf.length} bytes of PDF), /route`);
