import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The journeys run the server `npm start` builds (global setup), started here under Vitest,
// which sets NODE_ENV=test. The build must still be the production one: with Svelte's
// development checks compiled into every component each render validates every element
// (≈4 % of the 督办 list's CPU samples), and the journeys would not test what is deployed.
describe('the built server', () => {
	it('is the production build: no Svelte development checks in the components', () => {
		const dir = path.resolve('build/server');
		const files = fs
			.readdirSync(dir, { recursive: true })
			.map(String)
			.filter((f) => f.endsWith('.js'));
		expect(files.length).toBeGreaterThan(50);
		const components = files.filter((f) => /_page\.svelte|_layout\.svelte/.test(f));
		expect(components.length).toBeGreaterThan(20);
		const withDevChecks = files.filter((f) =>
			/push_element\(\$\$renderer/.test(fs.readFileSync(path.join(dir, f), 'utf8'))
		);
		expect(withDevChecks).toEqual([]);
	});
});
