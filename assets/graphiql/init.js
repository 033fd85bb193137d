// Starts GraphiQL on the page served by the directory (src/http/graphiql.rs). A file of its own rather than an
// inline script, so that the page's content-security policy can allow scripts from the server only.
(function () {
  var fetcher = GraphiQL.createFetcher({ url: window.location.pathname });
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: false,
      // The header editor is open: a token goes there as {"Authorization": "Bearer …"}.
      defaultEditorToolsVisibility: 'headers',
      defaultQuery:
        '# The directory of competent national authorities.\n# Where does a request for mutual legal assistance from France to Spain go?\n' +
        '{\n  route(from: "FRA", to: "ESP", function: MUTUAL_LEGAL_ASSISTANCE) {\n    authorities { name email languages }\n    warnings\n  }\n}\n',
    }),
  );
})();
