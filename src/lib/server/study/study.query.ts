import { instantToZonedDate } from '$lib/domain/zoned-time';
import type { Actor } from '../actor';
import { nowIso } from '../clock';
import type { DB } from '../db';
import { findPersonById } from '../org/users.service';
import {
	canKeepStudyRecords,
	canManageStudy,
	canOpenStudyStats,
	requirePermission
} from '../permissions';
import { getSettings } from '../settings/settings.service';
import { countEntriesOf, listEntriesOf, type StudyEntry } from './entries.repository';
import { progressOfPeople, type PersonProgress } from './stats.query';
import type { StudyWindow } from './study-rules';
import { listTargets } from './targets.repository';

// Read models of the person's own study: /study (entries and progress) and the 工作台 card.

export const ENTRIES_PER_PAGE = 20;

export interface MyProgress {
	month: PersonProgress;
	year: PersonProgress;
	monthWindow: StudyWindow;
	yearWindow: StudyWindow;
}

/** The actor's progress this month and this year (null for those who keep no study records). */
export async function myStudyProgress(db: DB, actor: Actor): Promise<MyProgress | null> {
	if (!canKeepStudyRecords(actor)) return null;
	const [person, { timeZone }, targets] = await Promise.all([
		findPersonById(db, actor.id),
		getSettings(db),
		listTargets(db)
	]);
	if (!person) return null;
	const today = instantToZonedDate(nowIso(), timeZone);
	const year = Number(today.slice(0, 4));
	const monthWindow = { year, month: Number(today.slice(5, 7)) };
	const yearWindow = { year, month: null };
	const o = { timeZone, today, targets, onePerson: true };
	const [[month], [all]] = await Promise.all([
		progressOfPeople(db, [person], monthWindow, o),
		progressOfPeople(db, [person], yearWindow, o)
	]);
	return { month, year: all, monthWindow, yearWindow };
}

export interface MyEntry extends StudyEntry {
	/** Entries of the current year may be changed or deleted by their owner. */
	canChange: boolean;
}

/** /study: the actor's entries (a page), progress, and what else they may open. */
export async function myStudy(db: DB, actor: Actor, page = 1) {
	requirePermission(actor, canKeepStudyRecords);
	const { timeZone } = await getSettings(db);
	const today = instantToZonedDate(nowIso(), timeZone);
	const [entries, total, progress, person] = await Promise.all([
		listEntriesOf(db, actor.id, { limit: ENTRIES_PER_PAGE, offset: (page - 1) * ENTRIES_PER_PAGE }),
		countEntriesOf(db, actor.id),
		myStudyProgress(db, actor),
		findPersonById(db, actor.id)
	]);
	const viewer = { ...actor, departmentId: person?.departmentId ?? null };
	return {
		today,
		entries: entries.map((e): MyEntry => ({
			...e,
			canChange: e.entryDate.slice(0, 4) === today.slice(0, 4)
		})),
		page,
		pages: Math.max(1, Math.ceil(total / ENTRIES_PER_PAGE)),
		total,
		progress,
		canOpenStats: canOpenStudyStats(viewer),
		canManageTargets: canManageStudy(actor)
	};
}
