import type { Actor } from '../actor';
import type { DB } from '../db';
import { newDepartment, newUser } from '../testing/fixtures';
import { newRoom } from '../testing/meeting-fixtures';
import { calendarEvents } from './calendar.service';

// December 2026 in Asia/Shanghai, as the month view asks for it (six weeks).
export const FROM = '2026-11-29T16:00:00.000Z';
export const TO = '2027-01-10T16:00:00.000Z';
export const DAY = 86_400_000;

export async function office(db: DB) {
	const deptA = await newDepartment(db, { name: '办公室' });
	const deptB = await newDepartment(db, { name: '财务科' });
	const u = (o: Parameters<typeof newUser>[1]) => newUser(db, o);
	return {
		deptA,
		deptB,
		planner: await u({ roles: ['office'], departmentId: deptA, name: '王秘书' }),
		leader: await u({ roles: ['leader'], departmentId: deptA }),
		alice: await u({ roles: ['staff'], departmentId: deptA, name: '张三' }),
		bob: await u({ roles: ['staff'], departmentId: deptA }),
		carol: await u({ roles: ['staff'], departmentId: deptB }),
		gone: await u({ roles: ['staff'], departmentId: deptA, isActive: false }),
		room: await newRoom(db, { name: '第一会议室' })
	};
}

export function events(db: DB, actor: Actor, scope: string, roomId?: number) {
	return calendarEvents(db, actor, { scope, roomId, from: FROM, to: TO });
}

export const titles = (list: { title: string }[]) => list.map((e) => e.title).sort();
