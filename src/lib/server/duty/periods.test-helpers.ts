import type { DB } from '../db';
import { auditCount } from '../testing/fixtures';

/** Row counts of the tables a period's setup writes, and of the audit log. */
export async function tableCounts(db: DB) {
	const n = async (
		t: 'duty_periods' | 'duty_shifts' | 'duty_period_days' | 'duty_unavailability'
	) =>
		Number(
			(
				await db
					.selectFrom(t)
					.select((eb) => eb.fn.countAll<number>().as('n'))
					.executeTakeFirstOrThrow()
			).n
		);
	return {
		periods: await n('duty_periods'),
		shifts: await n('duty_shifts'),
		days: await n('duty_period_days'),
		unavailable: await n('duty_unavailability'),
		audit: await auditCount(db)
	};
}
