import { sql } from 'kysely';
import { expect, inject, it } from 'vitest';
import { setClock } from '../clock';
import { adminQuery } from '../testing/databases';
import { describeEachDialect } from '../testing/each-dialect';
import { forgetCachedSettings } from '../settings/settings.service';
import { SETUP_RECHECK_MS, isSetupNeeded, runSetup } from './setup.service';
import type { DB } from '../db';

const ctx = { ip: '192.168.1.20' };
const form = (username: string) => ({
	officeName: '某某市交通运输局',
	timeZone: 'Asia/Shanghai',
	username,
	name: '系统管理员',
	password: 'Huiban@2026',
	confirm: 'Huiban@2026'
});

describeEachDialect('setup after the database is re-created empty', ({ db, url, dialect }) => {
	/** The database emptied under the running process, as a re-created one would be. */
	async function recreateEmpty(d: DB) {
		if (dialect === 'postgres') {
			// The real thing: dropped and created again under the same name while the pool is open.
			const name = new URL(url()).pathname.slice(1);
			await adminQuery(`DROP DATABASE ${name} WITH (FORCE)`);
			await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${inject('templates').pgName}`);
		} else {
			await sql`pragma foreign_keys = off`.execute(d);
			for (const t of ['sessions', 'audit_log', 'users', 'settings']) {
				await sql`delete from ${sql.table(t)}`.execute(d);
			}
			await sql`pragma foreign_keys = on`.execute(d);
		}
		forgetCachedSettings();
	}

	it('offers setup again within the re-check time, and setup succeeds at once', async () => {
		const t0 = new Date('2026-03-02T08:00:00.000Z');
		setClock(t0);
		await runSetup(db(), form('admin'), ctx);
		expect(await isSetupNeeded(db())).toBe(false);

		await recreateEmpty(db());
		// Setup itself asks the database, not the memory: it works straight away.
		const { userId } = await runSetup(db(), form('admin2'), ctx);
		expect(userId).toBeGreaterThan(0);
		expect(await isSetupNeeded(db())).toBe(false);

		await recreateEmpty(db());
		setClock(new Date(t0.getTime() + SETUP_RECHECK_MS - 1));
		// Still remembered as set up (no query per request)…
		expect(await isSetupNeeded(db())).toBe(false);
		// …until the re-check time has passed: then the empty database is offered setup.
		setClock(new Date(t0.getTime() + SETUP_RECHECK_MS));
		expect(await isSetupNeeded(db())).toBe(true);
		expect(await isSetupNeeded(db())).toBe(true);
		await runSetup(db(), form('admin3'), ctx);
		expect(await isSetupNeeded(db())).toBe(false);
	});
});
