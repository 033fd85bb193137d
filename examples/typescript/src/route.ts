// The directory from TypeScript, with the typed client graphql-codegen generated in src/gql/ (`npm run generate`):
// where a request for mutual legal assistance from France to Spain goes, then — with a focal point's token in
// CNA_TOKEN — a new authority of France and the change log's record of it. DateTime arrives as a string (RFC 3339,
// UTC), JSON as a JsonValue (src/scalars.ts).
//
//   (cd examples/typescript && npm ci && npm run build) && node examples/typescript/dist/route.js http://127.0.0.1:8080/graphql
import { GraphQLClient } from 'graphql-request';
import { graphql } from './gql/index.js';

const RouteQuery = graphql(`
  query TypedRoute($from: String!, $to: String!) {
    route(from: $from, to: $to, function: MUTUAL_LEGAL_ASSISTANCE, convention: "UNTOC") {
      bothParties
      authorities { name languages email lastConfirmedAt }
      warnings
    }
  }
`);

const CreateAuthority = graphql(`
  mutation TypedCreateAuthority($input: AuthorityInput!) {
    createAuthority(input: $input) { id version name lastConfirmedAt }
  }
`);

const RecentChanges = graphql(`
  query TypedRecentChanges($since: DateTime!) {
    changes(first: 3, filter: { state: "FRA", entity: "authority", since: $since }) {
      nodes { at action entityId after }
    }
  }
`);

const url = process.argv[2] ?? 'http://127.0.0.1:8080/graphql';
const token = process.env['CNA_TOKEN'];
const client = new GraphQLClient(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });

const { route } = await client.request(RouteQuery, { from: 'FRA', to: 'ESP' });
console.log(`both parties to UNTOC: ${route.bothParties}`);
for (const a of route.authorities) {
  const confirmed: string = a.lastConfirmedAt ?? 'never';
  console.log(`- ${a.name} (${a.languages.join(', ')}) ${a.email ?? ''} confirmed ${confirmed}`);
}
for (const w of route.warnings) console.log(`  warning: ${w}`);
if (route.authorities.length === 0) {
  console.error('no authority found: load the sample data (cna-directory demo)');
  process.exit(1);
}

if (token) {
  const since: string = new Date().toISOString(); // a DateTime going in
  const name = `Bureau d'essai ${Math.random().toString(16).slice(2, 10)}`;
  const { createAuthority: created } = await client.request(CreateAuthority, { input: { state: 'FRA', name } });
  console.log(`created ${created.name} at version ${created.version}, confirmed ${created.lastConfirmedAt}`);

  const { changes } = await client.request(RecentChanges, { since });
  const change = changes.nodes.find((c) => c.entityId === created.id);
  const after = change?.after; // JsonValue | null | undefined: narrow before use
  const recorded = after && typeof after === 'object' && !Array.isArray(after) ? after['name'] : undefined;
  if (!change || recorded !== name || Number.isNaN(Date.parse(change.at))) {
    console.error(`the change log does not show the new authority: ${JSON.stringify(changes.nodes)}`);
    process.exit(1);
  }
  console.log(`change log: ${change.action} at ${change.at}, name ${JSON.stringify(recorded)}`);
}
