import * as m from '$lib/paraglide/messages';
import type { Actor } from '../actor';
import { audit, diff } from '../audit';
import { nowIso } from '../clock';
import type { DB } from '../db';
import { lockRow } from '../db/locks';
import { inTransaction } from '../db/transaction';
import { NotFoundError, ValidationError } from '../errors';
import { canKeepStudyRecords, requirePermission } from '../permissions';
import { officeDate } from '../settings/settings.service';
import { parseInput } from '../validation';
import {
	deleteEntryRow,
	findEntryById,
	hoursOnDay,
	insertEntry,
	listEntriesOf,
	updateEntryRow,
	type StudyEntry,
	type StudyEntryRow
} from './entries.repository';
import { studyEntrySchema, type StudyEntryInput } from './entries.schema';
import { MAX_HOURS_PER_DAY } from './study-rules';

// 自学记录: a person's own self-study entries. Only the owner adds, edits and deletes them, and
// only within the current year; a day holds at most 12 hours. The owner's user row is locked
// first, so two saves at once see each other (the day's total, a double submit).

export type { StudyEntry };

/** A date the owner may write an entry for: not in the future, in the current year. */
function checkDate(date: string, today: string, field = 'entryDate'): void {
	if (date > today) throw new ValidationError({ [field]: m.study_err_future() });
	if (date.slice(0, 4) !== today.slice(0, 4))
		throw new ValidationError({ [field]: m.study_err_year({ year: today.slice(0, 4) }) });
}

async function checkDayTotal(
	trx: DB,
	userId: number,
	e: StudyEntryRow,
	exceptId?: number
): Promise<void> {
	const done = await hoursOnDay(trx, userId, e.entryDate, exceptId);
	if (done + e.hours > MAX_HOURS_PER_DAY)
		throw new ValidationError({
			hours: m.study_err_day_total({ max: MAX_HOURS_PER_DAY, done })
		});
}

/** The owner's entry, or not found (nobody else may know of it through these commands). */
async function ownEntry(trx: DB, actor: Actor, id: number): Promise<StudyEntry> {
	const entry = await findEntryById(trx, id);
	if (!entry || entry.userId !== actor.id) throw new NotFoundError();
	return entry;
}

const same = (a: StudyEntryRow, b: StudyEntryRow) =>
	a.entryDate === b.entryDate &&
	a.topic === b.topic &&
	a.material === b.material &&
	a.hours === b.hours &&
	a.notes === b.notes;

/** Logs a self-study entry for the actor. A second identical entry of the day is a double submit. */
export async function addStudyEntry(db: DB, actor: Actor, input: StudyEntryInput): Promise<number> {
	requirePermission(actor, canKeepStudyRecords);
	const e = parseInput(studyEntrySchema, input);
	return inTransaction(db, async (trx) => {
		await lockRow(trx, 'users', actor.id);
		checkDate(e.entryDate, await officeDate(trx));
		const recent = await listEntriesOf(trx, actor.id, { limit: 50, offset: 0 });
		if (recent.some((r) => same(r, e))) throw new ValidationError({ _: m.study_err_duplicate() });
		await checkDayTotal(trx, actor.id, e);
		const id = await insertEntry(trx, actor.id, e, nowIso());
		await audit(trx, actor, 'study.entry_add', 'study_entry', id, {
			entryDate: e.entryDate,
			topic: e.topic,
			hours: e.hours
		});
		return id;
	});
}

/** Changes the actor's own entry of this year; an unchanged entry writes nothing. */
export async function editStudyEntry(
	db: DB,
	actor: Actor,
	id: number,
	input: StudyEntryInput
): Promise<void> {
	requirePermission(actor, canKeepStudyRecords);
	const e = parseInput(studyEntrySchema, input);
	await inTransaction(db, async (trx) => {
		await lockRow(trx, 'users', actor.id);
		const before = await ownEntry(trx, actor, id);
		const today = await officeDate(trx);
		checkDate(before.entryDate, today, '_');
		checkDate(e.entryDate, today);
		const was: StudyEntryRow = {
			entryDate: before.entryDate,
			topic: before.topic,
			material: before.material,
			hours: before.hours,
			notes: before.notes
		};
		const changes = diff({ ...was }, { ...e });
		if (Object.keys(changes).length === 0) return;
		await checkDayTotal(trx, actor.id, e, id);
		if (!(await updateEntryRow(trx, id, actor.id, e, nowIso()))) throw new NotFoundError();
		await audit(trx, actor, 'study.entry_edit', 'study_entry', id, changes);
	});
}

/** Deletes the actor's own entry of this year. */
export async function deleteStudyEntry(db: DB, actor: Actor, id: number): Promise<void> {
	requirePermission(actor, canKeepStudyRecords);
	await inTransaction(db, async (trx) => {
		await lockRow(trx, 'users', actor.id);
		const before = await ownEntry(trx, actor, id);
		checkDate(before.entryDate, await officeDate(trx), '_');
		if (!(await deleteEntryRow(trx, id, actor.id))) throw new NotFoundError();
		await audit(trx, actor, 'study.entry_delete', 'study_entry', id, {
			entryDate: before.entryDate,
			topic: before.topic,
			hours: before.hours
		});
	});
}
