import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { needsBuild } from '../../scripts/start.js';

// A scratch app directory with fixed times, so neither the real build nor the clock matters.
const BUILT_AT = Date.UTC(2026, 0, 1, 8, 0, 0);
const BEFORE = new Date(BUILT_AT - 60_000);
const AFTER = new Date(BUILT_AT + 60_000);

let dir = '';

function file(rel: string, mtime: Date, body = ''): void {
	const p = path.join(dir, rel);
	fs.mkdirSync(path.dirname(p), { recursive: true });
	fs.writeFileSync(p, body);
	fs.utimesSync(p, mtime, mtime);
}

describe('npm start: needsBuild', () => {
	beforeEach(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huiban-start-'));
		file('build/handler.js', BEFORE);
		file('build/.built-at', BEFORE, String(BUILT_AT));
		file('src/routes/+page.svelte', BEFORE);
		file('src/lib/server/db/migrate.ts', BEFORE);
		file('migrations/0001_foundation.ts', BEFORE);
		file('package.json', BEFORE);
	});
	afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

	it('is false when every source is older than the build', () => {
		expect(needsBuild(dir)).toBe(false);
	});

	it('is true when a source file, however deep, is newer than the build', () => {
		file('src/lib/server/db/migrate.ts', AFTER);
		expect(needsBuild(dir)).toBe(true);
	});

	it('is true for a newer migration, message file or package.json', () => {
		for (const rel of ['migrations/0009_next.ts', 'messages/en.json', 'package.json']) {
			file(rel, AFTER);
			expect(needsBuild(dir), rel).toBe(true);
			file(rel, BEFORE);
			expect(needsBuild(dir), rel).toBe(false);
		}
	});

	it('ignores newer files that are not sources: compiled messages, tests, data', () => {
		file('src/lib/paraglide/messages.js', AFTER);
		file('tests/e2e/new.test.ts', AFTER);
		file('data/huiban.sqlite', AFTER);
		file('build/client/app.js', AFTER);
		expect(needsBuild(dir)).toBe(false);
	});

	it('is true when there is no build or no record of when it was made', () => {
		fs.rmSync(path.join(dir, 'build/.built-at'));
		expect(needsBuild(dir)).toBe(true);
		file('build/.built-at', BEFORE, String(BUILT_AT));
		fs.rmSync(path.join(dir, 'build/handler.js'));
		expect(needsBuild(dir)).toBe(true);
	});
});
