import type { DB } from './connect';

/**
 * The database's change stamp: a number that every committed write advances (triggers from
 * migration 0010 on every table but sessions, throttles and scheduler marks). Equal stamps
 * mean nothing a page shows has changed in between, in any process.
 */
export async function readStamp(db: DB): Promise<number> {
	const row = await db.selectFrom('data_stamp').select('n').where('id', '=', 1).executeTakeFirst();
	return Number(row?.n ?? 0);
}
