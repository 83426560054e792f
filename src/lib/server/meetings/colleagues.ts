import type { Actor } from '../actor';
import type { DB } from '../db';
import { pinyinInitials } from '../person-initials';
import { loadVisibleMeeting } from './access';

export interface Colleague {
	id: number;
	name: string;
	title: string;
	department: string | null;
	/** Pinyin initials, for the PersonPicker's search. */
	initials: string;
}

/** People one may name as a deputy: active colleagues, own department first. */
export async function findColleagues(db: DB, userId: number): Promise<Colleague[]> {
	const me = await db
		.selectFrom('users')
		.select('department_id')
		.where('id', '=', userId)
		.executeTakeFirst();
	const rows = await db
		.selectFrom('users')
		.leftJoin('departments', 'departments.id', 'users.department_id')
		.select([
			'users.id',
			'users.name',
			'users.title',
			'users.department_id',
			'departments.name as department_name'
		])
		.where('users.is_active', '=', true)
		.where('users.id', '!=', userId)
		.orderBy('departments.sort_order')
		.orderBy('users.precedence')
		.execute();
	const own = rows.filter((r) => r.department_id === me?.department_id);
	const others = rows.filter((r) => r.department_id !== me?.department_id);
	return [...own, ...others].map((r) => ({
		id: r.id,
		name: r.name,
		title: r.title,
		department: r.department_name,
		initials: pinyinInitials(r.name)
	}));
}

/**
 * The deputy picker's list for one meeting, fetched when the person chooses 代会 rather than
 * shipped with every detail page (a thousand names). Only for a meeting the actor may see.
 */
export async function deputyCandidates(db: DB, actor: Actor, meetingId: number) {
	await loadVisibleMeeting(db, actor, meetingId);
	return findColleagues(db, actor.id);
}
