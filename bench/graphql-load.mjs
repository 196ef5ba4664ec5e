// Worker thread of the search benchmark: the GraphQL clients, on their own thread (as they
// would be on their own machine) so that they do not take the server's event loop.
import { parentPort, workerData } from 'node:worker_threads';
import { measure } from './measure.mjs';

const { url, token, list, concurrency, seconds } = workerData;
const search = async (q) => {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query:
        'query ($q: String!) { search(query: $q, first: 10) { edges { titleHighlight snippet node { ... on Tip { id title } } } pageInfo { hasNextPage } } }',
      variables: { q },
    }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
};
parentPort.postMessage(await measure(concurrency, list, search, seconds));
