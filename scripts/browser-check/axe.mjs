// axe-core (pinned) on a page a reader sees without script: it audits a copy of the page's HTML in a context of its
// own, where script may run (the pages' policy allows none), against WCAG 2.1 AA.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/// An auditor for `browser` whose `check(page, name)` returns the violations of what `page` shows now, as messages.
export async function auditor(browser, allowed) {
  const context = await browser.newContext({ bypassCSP: true });
  await context.route('**/*', (route) => (allowed(route.request().url()) ? route.continue() : route.abort()));
  const audit = await context.newPage();
  return {
    async check(page, name) {
      await audit.setContent(await page.content());
      await audit.evaluate(axeSource);
      const result = await audit.evaluate(() =>
        // eslint-disable-next-line no-undef
        axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
      );
      const found = result.violations.map((v) => `${name}: axe ${v.id} on ${v.nodes.length} node(s): ${v.help}`);
      if (result.passes.length < 10) found.push(`${name}: axe-core checked almost nothing (${result.passes.length} rules)`);
      return found;
    },
  };
}
