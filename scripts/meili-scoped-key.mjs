// Prints the API key floorwalker uses with Meilisearch, creating it the first time: allowed
// only what floorwalker does (search, documents, settings and swaps of its own indexes,
// tasks), so that the API never holds the master key. Needs MEILI_URL and
// MEILI_MASTER_KEY; the same key comes back on every run (a fixed uid).
//
//   MEILI_URL=http://127.0.0.1:7700 MEILI_MASTER_KEY=… node scripts/meili-scoped-key.mjs
const KEY_UID = '6f0b1c3e-7d1a-4e57-9b8e-3f2a5c9d1e40';
const url = process.env.MEILI_URL?.replace(/\/$/, '');
const master = process.env.MEILI_MASTER_KEY;
if (!url || !master) {
  console.error('Set MEILI_URL and MEILI_MASTER_KEY.');
  process.exit(2);
}
const headers = { authorization: `Bearer ${master}`, 'content-type': 'application/json' };
for (let attempt = 1; ; attempt++) {
  try {
    const found = await fetch(`${url}/keys/${KEY_UID}`, { headers });
    if (found.ok) {
      console.log((await found.json()).key);
      break;
    }
    const created = await fetch(`${url}/keys`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        uid: KEY_UID,
        name: 'floorwalker',
        description: 'floorwalker API: search and index tips and answered questions',
        actions: [
          'search',
          'documents.add',
          'documents.delete',
          'indexes.create',
          'indexes.get',
          'indexes.delete',
          'indexes.swap',
          'settings.get',
          'settings.update',
          'tasks.get',
        ],
        indexes: ['tips', 'questions', 'tips-*', 'questions-*'],
        expiresAt: null,
      }),
    });
    if (!created.ok) throw new Error(`${created.status} ${await created.text()}`);
    console.log((await created.json()).key);
    break;
  } catch (error) {
    // Meilisearch may still be starting
    if (attempt >= 30) throw error;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
