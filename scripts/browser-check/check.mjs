// The directory's pages in a real headless Chromium (Debian's /usr/bin/chromium), with JavaScript off and every
// request that does not go to the server refused (no network), in the six languages:
//   node scripts/browser-check/check.mjs http://127.0.0.1:8080 [out-dir]
// For each page kind (the list of States, a State, the route with its answer) and each language: the page answers
// what the API answers, axe-core finds no WCAG 2.1 AA violation, a screenshot is written to out-dir. Then: values
// that are not Arabic stay left to right in isolated elements on Arabic pages, the route form keeps the language,
// lists follow the reader's collation, and a State prints on fewer sheets than it has authorities, on A4 and Letter.
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const base = process.argv[2];
const out = process.argv[3] ?? '/tmp/cna-pages';
mkdirSync(out, { recursive: true });
const LANGUAGES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'];
const failures = [];
const fail = (message) => {
  console.error(`FAILED: ${message}`);
  failures.push(message);
};

async function api(query) {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
const origin = new URL(base).origin;
const offline = (route) => (route.request().url().startsWith(origin) ? route.continue() : route.abort());
// What a reader gets: no script. axe-core runs in a second context, on the same pages, through the debugger
// protocol (it needs script; the pages have none and their policy allows none).
const reader = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1100, height: 900 } });
await reader.route('**/*', offline);
const auditor = await browser.newContext({ bypassCSP: true });
await auditor.route('**/*', offline);
const page = await reader.newPage();
const audit = await auditor.newPage();

async function axe(path) {
  await audit.goto(`${base}${path}`);
  await audit.evaluate(axeSource);
  const result = await audit.evaluate(() =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
  );
  if (result.passes.length < 10) fail(`${path}: axe-core checked almost nothing (${result.passes.length} rules)`);
  for (const v of result.violations) fail(`${path}: axe ${v.id} (${v.impact}) on ${v.nodes.length} node(s): ${v.help}`);
}

async function visit(path, shot) {
  const response = await page.goto(`${base}${path}`);
  if (response.status() !== 200) fail(`${path} answered ${response.status()}`);
  await page.screenshot({ path: `${out}/${shot}.png`, fullPage: true });
  await axe(path);
}

const ROUTE = 'from=FRA&to=ESP&function=MUTUAL_LEGAL_ASSISTANCE&convention=UNTOC';
const data = await api(`{ fra: authorities(filter: {state: "FRA"}) { totalCount } all: authorities { totalCount }
  route(from: "FRA", to: "ESP", function: MUTUAL_LEGAL_ASSISTANCE, convention: "UNTOC") {
    authorities { id name email phone website officeHours timeZone urgentNotes requirements postalAddress }
    contactPoints { authority { name } network { name } } sharedNetworks { name } bothParties warnings } }`);
const count = async (selector) => Number(await page.getAttribute(selector, 'data-count'));
const text = async () => page.evaluate(() => document.body.innerText).catch(() => page.textContent('body'));

for (const lang of LANGUAGES) {
  // The list of States: counts as the API's, names in the reader's order within each region.
  await visit(`/directory?lang=${lang}`, `directory-${lang}`);
  if ((await count('#state-FRA td.count')) !== data.fra.totalCount) fail(`${lang}: France's count differs`);
  if ((await count('#total')) !== data.all.totalCount) fail(`${lang}: the total differs from the API`);
  const collator = new Intl.Collator(lang, { sensitivity: 'accent' });
  const tables = await page.$$eval('main table', (ts) =>
    ts.map((t) => [...t.querySelectorAll('tbody tr td:first-child')].map((td) => td.textContent.trim())),
  );
  for (const names of tables) {
    for (let i = 1; i < names.length; i++) {
      if (collator.compare(names[i - 1], names[i]) > 0) fail(`${lang}: "${names[i - 1]}" before "${names[i]}"`);
    }
  }

  // A State's page.
  await visit(`/directory/FRA?lang=${lang}`, `state-FRA-${lang}`);
  if ((await count('#count')) !== data.fra.totalCount) fail(`${lang}: the State's page shows another number`);
  const cards = await page.$$eval('section.authority', (s) => s.length);
  if (cards !== data.fra.totalCount) fail(`${lang}: ${cards} authorities shown, ${data.fra.totalCount} in the API`);

  // The route: every field the API answers is on the page.
  await visit(`/route?lang=${lang}&${ROUTE}`, `route-${lang}`);
  const body = await page.textContent('main');
  const r = data.route;
  if ((await count('#route-count')) !== r.authorities.length) fail(`${lang}: the route shows another number`);
  for (const a of r.authorities) {
    for (const [field, value] of Object.entries(a)) {
      if (field !== 'id' && value && !body.includes(value)) fail(`${lang}: the route page lacks ${field} "${value}"`);
    }
  }
  for (const cp of r.contactPoints) {
    if (!body.includes(cp.authority.name)) fail(`${lang}: the route page lacks contact point ${cp.authority.name}`);
  }
  for (const n of r.sharedNetworks) if (!body.includes(n.name)) fail(`${lang}: the route lacks network ${n.name}`);
  const both = await page.getAttribute('#both-parties', 'data-both');
  if (both !== String(r.bothParties ?? 'unknown')) fail(`${lang}: bothParties ${both}, API ${r.bothParties}`);
  const warnings = await page.$$eval('.warnings li', (l) => l.length);
  if (warnings !== r.warnings.length) fail(`${lang}: ${warnings} warnings shown, ${r.warnings.length} in the API`);
}

// Right to left: the phone of an authority reads left to right in the DOM, in an isolated left-to-right element.
await page.goto(`${base}/directory/FRA?lang=ar`);
if ((await page.getAttribute('html', 'dir')) !== 'rtl') fail('Arabic is not right to left');
const phones = await page.$$eval('section.authority dd bdi[dir=ltr]', (els) =>
  els.map((e) => ({ text: e.textContent, style: getComputedStyle(e).unicodeBidi, dir: getComputedStyle(e).direction })),
);
const fraPhones = (await api('{ authorities(filter: {state: "FRA"}) { nodes { phone } } }')).authorities.nodes
  .map((n) => n.phone)
  .filter(Boolean);
for (const p of fraPhones) {
  const found = phones.find((e) => e.text === p);
  if (!found) fail(`Arabic: the phone ${p} is not in a left-to-right element`);
  else if (found.style !== 'isolate' || found.dir !== 'ltr') fail(`Arabic: ${p} is ${found.style} ${found.dir}`);
}
if (fraPhones.length === 0) fail('France has no phone to check');

// The route form, used as a person would with the keyboard, keeps the language.
await page.goto(`${base}/route?lang=fr`);
await page.focus('#from');
await page.selectOption('#from', 'FRA');
await page.keyboard.press('Tab');
await page.selectOption('#to', 'ESP');
await page.selectOption('#function', 'MUTUAL_LEGAL_ASSISTANCE');
await page.selectOption('#convention', 'UNTOC');
await page.focus('button[type=submit]');
await Promise.all([page.waitForURL(/\/route\?/), page.keyboard.press('Enter')]);
if (!page.url().includes('lang=fr')) fail(`the form dropped the language: ${page.url()}`);
if ((await page.getAttribute('html', 'lang')) !== 'fr') fail('the answer is not in French');
if ((await count('#route-count')) !== data.route.authorities.length) fail('the form answered another route');
// On paper the answer, not the form.
await page.emulateMedia({ media: 'print' });
if (await page.isVisible('form.route')) fail('the route form prints');
await page.emulateMedia({ media: 'screen' });
// Égypte under E in French.
await page.goto(`${base}/directory?lang=fr`);
const africa = await page.$$eval('main tbody td:first-child', (tds) => tds.map((t) => t.textContent.trim()));
const at = (n) => africa.indexOf(n);
if (!(at('Afrique du Sud') < at('Égypte') && at('Égypte') < at('Gabon'))) fail('Égypte does not sort under E');

// Printed: more than one authority per sheet, on A4 and on Letter, with the sample marker.
await page.goto(`${base}/directory/FRA`);
await page.emulateMedia({ media: 'print' });
const samples = await page.$$eval('.sample', (s) => s.filter((e) => getComputedStyle(e).display !== 'none').length);
if (samples < data.fra.totalCount) fail(`only ${samples} sample markers print`);
for (const format of ['A4', 'Letter']) {
  const pdf = await page.pdf({ path: `${out}/state-FRA-${format}.pdf`, format });
  const sheets = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  if (pdf.subarray(0, 4).toString() !== '%PDF' || sheets === 0) fail(`printing on ${format} made no PDF`);
  else if (sheets >= data.fra.totalCount) fail(`${data.fra.totalCount} authorities take ${sheets} ${format} sheets`);
  else console.log(`${format}: ${data.fra.totalCount} authorities on ${sheets} sheet(s)`);
}

await browser.close();
if (failures.length) {
  console.error(`${failures.length} failure(s)`);
  process.exit(1);
}
console.log(`ok: 3 page kinds × ${LANGUAGES.length} languages, axe-core clean, screenshots in ${out}`);
