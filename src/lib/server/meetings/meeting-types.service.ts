import * as m from '$lib/paraglide/messages';
import type { Actor } from '../actor';
import { audit, diff } from '../audit';
import { canAdminister, requirePermission } from '../permissions';
import type { DB } from '../db';
import { lockRow } from '../db/locks';
import { NotFoundError, ValidationError, withUniqueField } from '../errors';
import { parseInput } from '../validation';
import {
	findActiveMeetingTypes,
	findAllMeetingTypes,
	findMeetingTypeById,
	findMeetingTypeByName,
	insertMeetingType,
	lockActiveMeetingTypes,
	updateMeetingTypeRow,
	type MeetingType
} from './meeting-types.repository';
import { inTransaction } from '../db/transaction';
import { meetingTypeSchema, type MeetingTypeInput } from './meeting-types.schema';

export type { MeetingTypeInput } from './meeting-types.schema';

/** The types a meeting can be planned with (any signed-in page may list them). */
export function activeMeetingTypes(db: DB): Promise<MeetingType[]> {
	return findActiveMeetingTypes(db);
}

/** The body a new draft of minutes (纪要) of this type starts from ('' for none or unknown). */
export async function minutesTemplateOf(db: DB, typeId: number): Promise<string> {
	return (await findMeetingTypeById(db, typeId))?.minutesTemplate ?? '';
}

export function listAllMeetingTypes(db: DB, actor: Actor): Promise<MeetingType[]> {
	requirePermission(actor, canAdminister);
	return findAllMeetingTypes(db);
}

function withNameCheck<T>(work: Promise<T>): Promise<T> {
	return withUniqueField(work, 'name', m.meeting_types_err_name_taken());
}

async function checkNameFree(trx: DB, name: string, selfId?: number): Promise<void> {
	const same = await findMeetingTypeByName(trx, name);
	if (same && same.id !== selfId) {
		throw new ValidationError({ name: m.meeting_types_err_name_taken() });
	}
}

export async function createMeetingType(
	db: DB,
	actor: Actor,
	input: MeetingTypeInput
): Promise<number> {
	requirePermission(actor, canAdminister);
	const data = parseInput(meetingTypeSchema, input);
	return withNameCheck(
		inTransaction(db, async (trx) => {
			await checkNameFree(trx, data.name);
			const id = await insertMeetingType(trx, data);
			await audit(trx, actor, 'meeting_type.create', 'meeting_type', id, data);
			return id;
		})
	);
}

/** A rename shows on every meeting of the type, past ones included: they store the id. */
export async function updateMeetingType(
	db: DB,
	actor: Actor,
	id: number,
	input: MeetingTypeInput
): Promise<void> {
	requirePermission(actor, canAdminister);
	const data = parseInput(meetingTypeSchema, input);
	await withNameCheck(
		inTransaction(db, async (trx) => {
			await lockRow(trx, 'meeting_types', id);
			const before = await findMeetingTypeById(trx, id);
			if (!before) throw new NotFoundError();
			await checkNameFree(trx, data.name, id);
			const changes = diff({ ...before }, data);
			// Saved again as it is (a second click): nothing to write or audit.
			if (!Object.keys(changes).length) return;
			await updateMeetingTypeRow(trx, id, data);
			await audit(trx, actor, 'meeting_type.update', 'meeting_type', id, changes);
		})
	);
}

/**
 * Types are deactivated, never deleted: meetings keep pointing at them. A deactivated type
 * leaves the meeting form; at least one must stay so that a meeting can still be planned.
 */
export async function setMeetingTypeActive(
	db: DB,
	actor: Actor,
	id: number,
	isActive: boolean
): Promise<void> {
	requirePermission(actor, canAdminister);
	await inTransaction(db, async (trx) => {
		await lockRow(trx, 'meeting_types', id);
		const before = await findMeetingTypeById(trx, id);
		if (!before) throw new NotFoundError();
		if (before.isActive === isActive) return;
		if (!isActive) {
			const active = await lockActiveMeetingTypes(trx);
			if (active.every((a) => a === id)) {
				throw new ValidationError({ _: m.meeting_types_err_last_active() });
			}
		}
		await updateMeetingTypeRow(trx, id, { isActive });
		await audit(
			trx,
			actor,
			isActive ? 'meeting_type.activate' : 'meeting_type.deactivate',
			'meeting_type',
			id
		);
	});
}
