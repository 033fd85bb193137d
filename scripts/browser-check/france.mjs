// What a focal point of France does in the workspace once signed in, in headless Chromium with JavaScript off:
// confirm an entry of the review list, edit a phone, meet a conflict made through the API meanwhile and keep one's
// own version, see the change on the public page and in the mirror; download the workbook, open and save it in
// LibreOffice Calc (headless, the real program) and upload it back unchanged, then a CSV Calc saved in a French
// locale with one phone changed: previewed (nothing applied), applied; be refused another State's entry (page and
// form post) and a form without its token. axe-core checks each page (WCAG 2.1 AA); screenshots go to `out`.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

/// `page` is signed in as France's focal point; `api(query, variables)` asks the API as France's focal point.
export async function franceWalkthrough({ page, base, out, api, axe, fail }) {
  // Confirm one entry of the list.
  const listed = await page.$$eval('#due-list tbody tr', (rows) => rows.map((r) => r.dataset.id));
  if (listed.length === 0) fail('the samples should have entries due');
  const first = listed[0];
  await Promise.all([page.waitForURL(/confirmed=/), page.click(`#due-list tr[data-id="${first}"] button`)]);
  const confirmed = await api(`{ authority(id: "${first}") { lastConfirmedAt } }`);
  if (!confirmed.authority.lastConfirmedAt) fail('the entry was not confirmed');

  // Edit a phone.
  await page.goto(`${base}/workspace/authorities/${first}?lang=en`);
  await axe('edit');
  await page.fill('#f-phone', '+33 1 44 77 60 00');
  await Promise.all([page.waitForURL(/saved=1/), page.click('form.entry button[type=submit]')]);
  const saved = await api(`{ authority(id: "${first}") { phone version } }`);
  if (saved.authority.phone !== '+33144776000') fail(`the phone is ${saved.authority.phone}`);

  // A conflict: the form is open, the entry changes through the API, the form is sent.
  await page.fill('#f-city', 'Lyon');
  await api('mutation($id: ID!, $v: Int!) { updateAuthority(id: $id, expectedVersion: $v, input: {city: "Marseille"}) { version } }', {
    id: first,
    v: saved.authority.version,
  });
  await page.click('form.entry button[type=submit]');
  await page.waitForSelector('#conflict');
  await axe('conflict');
  const theirs = await page.textContent('#conflict tr[data-field=city] td.theirs');
  if (!theirs.includes('Marseille')) fail('the conflict does not show the version in the directory');
  await Promise.all([page.waitForURL(/saved=1/), page.click('button[name=keep]')]);
  const kept = await api(`{ authority(id: "${first}") { city } }`);
  if (kept.authority.city !== 'Lyon') fail(`kept ${kept.authority.city}`);

  // The change is public: the State's page and the mirror.
  await page.goto(`${base}/directory/FRA`);
  if (!(await page.textContent('main')).includes('+33144776000')) fail('the public page lacks the new phone');
  const snapshot = await (await fetch(`${base}/mirror/snapshot`)).text();
  if (!snapshot.includes('+33144776000')) fail('the mirror lacks the new phone');

  // Spreadsheets: the workbook as the browser downloads it, opened and saved again by LibreOffice Calc, comes back
  // unchanged (phones keep their +, ids and versions stay text).
  const calc = (args) =>
    execFileSync('soffice', [`-env:UserInstallation=file://${resolve(out)}/calc-profile`, '--headless', ...args], {
      stdio: 'pipe',
      timeout: 120_000,
    });
  await page.goto(`${base}/workspace/sheets?lang=en`);
  await axe('sheets');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[href*="format=xlsx"]')]);
  const workbook = `${out}/FRA-entries.xlsx`;
  await download.saveAs(workbook);
  calc(['--convert-to', 'xlsx', '--outdir', `${out}/calc`, workbook]);
  const count = async (what) => Number(await page.textContent(`[data-count=${what}]`));
  async function upload(file) {
    await page.goto(`${base}/workspace/sheets?lang=en`);
    await page.setInputFiles('#sheet-file', file);
    await Promise.all([page.waitForURL(/\/workspace\/sheets\/[0-9a-f-]{36}/), page.click('form.entry button[type=submit]')]);
  }
  await upload(`${out}/calc/FRA-entries.xlsx`);
  const entries = (await api('{ authorities(filter: {state: "FRA"}, first: 100) { totalCount } }')).authorities.totalCount;
  if ((await count('unchanged')) < entries || (await count('errors')) !== 0 || (await count('updated')) !== 0) {
    fail(`the workbook saved by Calc does not come back unchanged: ${await page.textContent('#counts')}`);
  }

  // Its first sheet saved by Calc as CSV in a French locale (semicolons), one phone changed in it.
  calc(['--convert-to', 'csv:Text - txt - csv (StarCalc):59,34,76,1,,1036,false,true,true,false,false', '--outdir', `${out}/calc-fr`, `${out}/calc/FRA-entries.xlsx`]);
  const csvPath = `${out}/calc-fr/FRA-authorities.csv`;
  renameSync(`${out}/calc-fr/FRA-entries.csv`, csvPath);
  const csv = readFileSync(csvPath, 'utf8');
  if (!csv.split('\n')[0].includes(';')) fail('Calc did not save with semicolons');
  const changed = csv.split('\n').map((line) => (line.includes(first) ? line.replace('+33144776000', '+33144776001') : line));
  writeFileSync(csvPath, changed.join('\n'));
  await upload(csvPath);
  if ((await count('updated')) !== 1 || (await count('errors')) !== 0) fail(`preview: ${await page.textContent('#counts')}`);
  const still = await api(`{ authority(id: "${first}") { phone } }`);
  if (still.authority.phone !== '+33144776000') fail('a preview changed the entry');
  await axe('sheets-preview');
  const preview = page.url();
  await page.goto(preview.replace('lang=en', 'lang=ar'));
  await page.screenshot({ path: `${out}/sheets-preview-ar.png`, fullPage: true });
  await page.goto(preview);
  await page.click('#apply');
  await page.waitForSelector('#outcome');
  if ((await count('updated')) !== 1) fail(`applied: ${await page.textContent('#counts')}`);
  await axe('sheets-applied');
  const applied = await api(`{ authority(id: "${first}") { phone } }`);
  if (applied.authority.phone !== '+33144776001') fail(`after applying, the phone is ${applied.authority.phone}`);

  // Another State's entry is refused.
  const esp = (await api('{ authorities(filter: {state: "ESP"}, first: 1) { nodes { id } } }')).authorities.nodes[0].id;
  const refused = await page.goto(`${base}/workspace/authorities/${esp}`);
  if (refused.status() !== 403) fail(`another State's entry answered ${refused.status()}`);

  // The form of an entry of France, posted to another State's entry: refused, and so is a form without its token.
  await page.goto(`${base}/workspace/authorities/${first}`);
  const form = await page.$$eval('form.entry input[type=hidden]', (inputs) => inputs.map((i) => [i.name, i.value]));
  const post = (path, fields) =>
    page.request.post(`${base}${path}`, { form: Object.fromEntries(fields), maxRedirects: 0 });
  const elsewhere = await post(`/workspace/authorities/${esp}`, [...form, ['city', 'Sevilla']]);
  if (elsewhere.status() !== 403) fail(`a form posted to another State's entry answered ${elsewhere.status()}`);
  const tokenless = await post(`/workspace/authorities/${first}`, [...form.filter(([k]) => k !== 'csrf'), ['city', 'Nantes']]);
  if (tokenless.status() !== 403) fail(`a form without its token answered ${tokenless.status()}`);
  const city = await api(`{ authority(id: "${first}") { city } }`);
  if (city.authority.city === 'Nantes') fail('a form without its token changed the entry');
  return first;
}
