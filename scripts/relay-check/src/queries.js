// What a Relay client of the directory writes: a paginated list with @connection, entries refetched by id
// through the Node interface (@refetchable), and node(id:) itself. CI compiles these with relay-compiler.
graphql`
  query queriesDirectoryQuery($state: String!) {
    ...queries_authorities @arguments(state: $state)
  }
`;

graphql`
  fragment queries_authorities on QueryRoot
  @refetchable(queryName: "queriesAuthoritiesPaginationQuery")
  @argumentDefinitions(state: { type: "String!" }, first: { type: "Int", defaultValue: 20 }, after: { type: "String" }) {
    authorities(filter: { state: $state }, first: $first, after: $after) @connection(key: "queries_authorities") {
      edges { node { id ...queries_authority } }
      totalCount
    }
  }
`;

graphql`
  fragment queries_authority on Authority @refetchable(queryName: "queriesAuthorityRefetchQuery") {
    id
    name
    city
    stale
    reviewDueAt
    contacts { id name email }
    designations { id legalBasis { code } }
    networks { id role network { code } }
  }
`;

graphql`
  fragment queries_contact on Contact @refetchable(queryName: "queriesContactRefetchQuery") {
    id
    name
    lastConfirmedAt
  }
`;

graphql`
  query queriesNodeQuery($id: ID!) {
    node(id: $id) {
      id
      ... on Authority { name }
      ... on Contact { name }
    }
  }
`;
