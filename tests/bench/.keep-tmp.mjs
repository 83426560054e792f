// TEMP investigation helper (deleted afterwards)
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_TEST_DATABASE_URL, startServer } from '../../scripts/launch.js';
import { withAppModule } from '../../scripts/vite-load.js';
const dialect = process.argv[2];
const server = await startServer(dialect, { HUIBAN_SCHEDULER: 'off' });
let databaseUrl;
if (dialect === 'postgres') { const u = new URL(DEFAULT_TEST_DATABASE_URL); u.pathname = `/huiban_run_${process.pid}_${new URL(server.url).port}`; databaseUrl = u.toString(); }
const sqlitePath = path.join(server.dataDir, 'huiban.sqlite');
const office = await withAppModule('/tests/bench/generate.ts', (app) => app.generateOffice({ url: server.url, databaseUrl, sqlitePath }));
const res = await fetch(server.url + '/login', { method: 'POST', redirect: 'manual', headers: { origin: server.url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ username: 'benchleader', password: 'Bench-2026-pw' }) });
const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('huiban_session='));
fs.writeFileSync(`/tmp/bw/${dialect}.json`, JSON.stringify({ url: server.url, pid: server.pid, databaseUrl, sqlitePath, cookie, office }, null, 1));
console.log('ready');
process.on('SIGTERM', async () => { await server.stop(); process.exit(0); });
setInterval(() => {}, 1e9);
