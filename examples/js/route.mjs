// The directory from JavaScript with graphql-request (pinned in package.json): where a request for mutual legal
// assistance from France to Spain goes, then — with a focal point's token in CNA_TOKEN — a change to France's
// entries.
//
//   (cd examples/js && npm ci) && node examples/js/route.mjs http://127.0.0.1:8080/graphql
import { GraphQLClient, gql } from 'graphql-request';

const url = process.argv[2] ?? 'http://127.0.0.1:8080/graphql';
const token = process.env.CNA_TOKEN;
const client = new GraphQLClient(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });

const route = await client.request(
  gql`
    query Route($from: String!, $to: String!) {
      route(from: $from, to: $to, function: MUTUAL_LEGAL_ASSISTANCE, convention: "UNTOC") {
        bothParties
        authorities { name languages email }
        warnings
      }
    }
  `,
  { from: 'FRA', to: 'ESP' },
);
console.log(`both parties to UNTOC: ${route.route.bothParties}`);
for (const a of route.route.authorities) console.log(`- ${a.name} (${a.languages.join(', ')}) ${a.email ?? ''}`);
for (const w of route.route.warnings) console.log(`  warning: ${w}`);
if (route.route.authorities.length === 0) {
  console.error('no authority found: load the sample data (cna-directory demo)');
  process.exit(1);
}
if (token) {
  const name = `Bureau d'essai ${Math.random().toString(16).slice(2, 10)}`;
  const created = await client.request(
    gql`mutation Create($input: AuthorityInput!) { createAuthority(input: $input) { id version name } }`,
    { input: { state: 'FRA', name } },
  );
  console.log(`created ${created.createAuthority.name} at version ${created.createAuthority.version}`);
}
