// GraphiQL with the explorer plugin, bundled with the web UI and served at GET /graphql
// (catalog/api/graphql/router.py): everything it loads comes from this server, so it works
// without the internet. The tabs hold the README's examples (examples.json; a unit test keeps
// them equal to README.md) and a steward's mutation.
import "graphiql/setup-workers/vite";
import "graphiql/style.css";
import "@graphiql/plugin-explorer/style.css";
import { explorerPlugin } from "@graphiql/plugin-explorer";
import { GraphiQL } from "graphiql";
import { createRoot } from "react-dom/client";
import examples from "./examples.json";
import { fetcher, getToken } from "./fetcher";

const signedIn = getToken()
  ? "# Signed in: the web UI's token is sent as\n# \"Authorization: Bearer ...\"."
  : "# Not signed in: sign in with a token in the\n# web UI (/) and reload, or put\n" +
    "# {\"Authorization\": \"Bearer <token>\"}\n# in the Headers tab below.";

const WELCOME = `# mesh catalog GraphQL (works offline).
#
${signedIn}
# Reads may need a token (CATALOG_AUTH_READS);
# mutations need the steward role.
#
# Run: Ctrl-Enter or the run button. The
# explorer (left) builds queries by clicking.
# The other tabs: the README's examples.
{ domains { name } }
`;

const MUTATION = `# Stewards: tag a dataset (a steward's token).
# Nothing is deleted: removeTag with the same
# input closes the edge.
mutation AddTag {
  addTag(input: {subjectId: "dataset:postgres://shop-db:5432:shop.public.customers",
                 tag: "tried-in-graphiql"}) {
    id
    ... on Dataset { name tags { name } }
  }
}
`;

const tabs = [
  { query: WELCOME },
  ...examples.readme.map((e) => ({ query: `# ${e.about}\nquery ${e.name} ${e.query}\n` })),
  { query: MUTATION },
];

const explorer = explorerPlugin();

createRoot(document.getElementById("graphiql")!).render(
  <GraphiQL fetcher={fetcher} plugins={[explorer]} visiblePlugin={explorer}
            defaultTabs={tabs} isHeadersEditorEnabled />,
);
