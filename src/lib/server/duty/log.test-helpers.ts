import type { DB } from '../db';
import { newDutyPeriod } from '../testing/duty-fixtures';
import { newUser } from '../testing/fixtures';
import type { LogEntryInput } from './log.schema';

export const D1 = '2026-10-01';
export const D2 = '2026-10-02';
export const DAY = 0;
export const NIGHT = 1;

/** The shared roster and counters of the duty log and handover tests, on the test's database. */
export function logFixtures(db: () => DB) {
	/** 10-01 白班: 李强 (leader) + 王芳; 10-01 夜班: 赵军 + 陈静; 10-02 白班: 刘洋. */
	async function roster(status: 'published' | 'draft' = 'published') {
		const office = await newUser(db(), { roles: ['office'], name: '办公室张' });
		const li = await newUser(db(), { roles: ['leader'], name: '李强' });
		const wang = await newUser(db(), { name: '王芳' });
		const zhao = await newUser(db(), { roles: ['leader'], name: '赵军' });
		const chen = await newUser(db(), { name: '陈静' });
		const liu = await newUser(db(), { name: '刘洋' });
		const stranger = await newUser(db(), { name: '孙明' });
		const p = await newDutyPeriod(db(), {
			createdBy: office.id,
			dates: [D1, D2],
			status,
			assign: [
				{ date: D1, shift: DAY, role: 'leader', userId: li.id },
				{ date: D1, shift: DAY, role: 'officer', userId: wang.id },
				{ date: D1, shift: NIGHT, role: 'leader', userId: zhao.id },
				{ date: D1, shift: NIGHT, role: 'officer', userId: chen.id },
				{ date: D2, shift: DAY, role: 'officer', userId: liu.id }
			]
		});
		const at = (shift: number, date: string) => ({
			periodId: p.periodId,
			shiftId: p.shiftIds[shift],
			date
		});
		const call = (over: Record<string, unknown> = {}): LogEntryInput => ({
			...at(DAY, D1),
			kind: 'call',
			occurredDate: D1,
			occurredTime: '09:15',
			caller: '王先生',
			unit: '市水务集团',
			phone: '13800000000',
			matter: '反映幸福小区停水',
			handling: '已转告物业，下午恢复',
			...(over as Partial<LogEntryInput>)
		});
		return { office, li, wang, zhao, chen, liu, stranger, p, at, call };
	}

	async function entryCount(): Promise<number> {
		const r = await db()
			.selectFrom('duty_log_entries')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		return Number(r.n);
	}

	return { roster, entryCount };
}
