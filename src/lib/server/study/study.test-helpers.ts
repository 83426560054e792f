import type { DB } from '../db';
import { setClock } from '../clock';
import { newDepartment, newUser } from '../testing/fixtures';
import type { StudyEntryInput } from './entries.schema';

/** 10:00 on the given day in Beijing. */
export const at = (date: string) => setClock(`${date}T02:00:00Z`);

/**
 * The people of a study test: the office (sets targets), a leader, 财务科 with its head and two
 * staff, 人事科 with its head and a member; an administrator (keeps no study records).
 */
export async function studyWorld(db: DB) {
	const finance = await newDepartment(db, { name: '财务科', sortOrder: 1 });
	const personnel = await newDepartment(db, { name: '人事科', sortOrder: 2 });
	const office = await newUser(db, { name: '王办公', roles: ['office'] });
	const leader = await newUser(db, { name: '钱局长', roles: ['leader'] });
	const admin = await newUser(db, { name: '系统管理员', roles: ['admin'] });
	const financeHead = await newUser(db, {
		name: '孙科长',
		roles: ['dept_head'],
		departmentId: finance
	});
	const alice = await newUser(db, { name: '张三', roles: ['staff'], departmentId: finance });
	const bob = await newUser(db, { name: '李四', roles: ['staff'], departmentId: finance });
	const personnelHead = await newUser(db, {
		name: '吴科长',
		roles: ['dept_head'],
		departmentId: personnel
	});
	const carol = await newUser(db, { name: '郑五', roles: ['staff'], departmentId: personnel });
	return {
		finance,
		personnel,
		office,
		leader,
		admin,
		financeHead,
		alice,
		bob,
		personnelHead,
		carol
	};
}

export type StudyWorld = Awaited<ReturnType<typeof studyWorld>>;

export function entry(o: Partial<StudyEntryInput> = {}): StudyEntryInput {
	return {
		entryDate: '2027-03-10',
		topic: '学习贯彻党的二十大精神',
		material: '《党的二十大报告》',
		hours: '2',
		notes: '',
		...o
	};
}
