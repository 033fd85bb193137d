// The GraphQL-over-HTTP audit of graphql-http (pinned in package.json) against a live server:
//   node scripts/http-audit/audit.mjs http://127.0.0.1:8080/graphql
// Prints every audit; exits non-zero on any error or warning (the directory answers them all).
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs URL-of-/graphql');
  process.exit(2);
}
let errors = 0;
let warnings = 0;
for (const audit of serverAudits({ url, fetchFn: fetch })) {
  const result = await audit.fn();
  if (result.status === 'ok') {
    console.log(`ok    ${audit.name}`);
  } else if (result.status === 'warn') {
    warnings += 1;
    console.log(`WARN  ${audit.name}: ${result.reason}`);
  } else {
    errors += 1;
    console.log(`ERROR ${audit.name}: ${result.reason}`);
  }
}
console.log(`${errors} errors, ${warnings} warnings`);
process.exit(errors + warnings > 0 ? 1 : 0);
