import { withAppModule } from './vite-load.js';

const applied = await withAppModule('/src/lib/server/scripts.ts', (m) => m.runMigrations());
console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
