import type { Actor } from '../actor';
import type { DB } from '../db';
import { findPersonById } from '../org/users.service';
import { pinyinInitials } from '../person-initials';
import { listActivePeople } from '../org/directory.service';
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
	const me = await findPersonById(db, userId);
	const rows = await listActivePeople(db, { except: userId });
	const own = rows.filter((r) => r.departmentId === me?.departmentId);
	const others = rows.filter((r) => r.departmentId !== me?.departmentId);
	return [...own, ...others].map((r) => ({
		id: r.id,
		name: r.name,
		title: r.title,
		department: r.departmentName,
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
