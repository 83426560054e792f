import type { DB } from '../db';

export async function findAllSettings(db: DB): Promise<Record<string, string>> {
	const rows = await db.selectFrom('settings').selectAll().execute();
	return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

export async function upsertSetting(db: DB, key: string, value: string): Promise<void> {
	await db
		.insertInto('settings')
		.values({ key, value })
		.onConflict((oc) => oc.column('key').doUpdateSet({ value }))
		.execute();
}
