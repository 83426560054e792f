import { randomUUID } from 'node:crypto';
import * as m from '$lib/paraglide/messages';
import { meetingPhase } from '$lib/domain/meetings';
import type { Actor } from '../actor';
import { diff, recordAudit } from '../audit';
import { requireRole } from '../auth/guard';
import type { DB } from '../db';
import { ValidationError } from '../errors';
import { assertRoomBookable } from '../rooms/rooms.service';
import { getSettings } from '../settings/settings.service';
import { loadManagedMeeting } from './access';
import { parseMeetingPlan, type MeetingPlan } from './meeting-input';
import {
	insertMeeting,
	replaceAgenda,
	replaceLogistics,
	updateMeetingRow,
	type MeetingJoined
} from './meetings.repository';
import { notifyParticipantChanges, notifyAll } from './notify';
import {
	deleteParticipants,
	insertParticipants,
	listParticipants,
	updateParticipantRole
} from './participants.repository';
import { checkPlanReferences, resolveParticipants } from './plan';

function planColumns(plan: MeetingPlan) {
	return {
		title: plan.title,
		type_id: plan.typeId,
		starts_at: plan.startsAt,
		ends_at: plan.endsAt,
		room_id: plan.roomId,
		location: plan.roomId ? '' : plan.location,
		organiser_department_id: plan.organiserDepartmentId,
		host_id: plan.hostId,
		recorder_id: plan.recorderId,
		reply_deadline: plan.replyDeadline,
		requirements: plan.requirements,
		contact_name: plan.contactName,
		contact_phone: plan.contactPhone,
		classification: plan.classification
	};
}

/** The office drafts a meeting plan; nothing is sent until the notice is issued. */
export async function createMeeting(db: DB, actor: Actor, input: unknown): Promise<number> {
	requireRole(actor, 'office', 'admin');
	const { timeZone } = await getSettings(db);
	const plan = parseMeetingPlan(input, timeZone);
	return db.transaction().execute(async (trx) => {
		await checkPlanReferences(trx, plan);
		if (plan.roomId) {
			await assertRoomBookable(trx, {
				roomId: plan.roomId,
				startsAt: plan.startsAt,
				endsAt: plan.endsAt
			});
		}
		const now = new Date().toISOString();
		const id = await insertMeeting(trx, {
			...planColumns(plan),
			uid: `${randomUUID()}@huiban`,
			status: 'draft',
			created_by: actor.id,
			created_at: now,
			updated_at: now
		});
		await replaceAgenda(trx, id, plan.agenda);
		await replaceLogistics(
			trx,
			id,
			plan.logistics.map((l) => ({ ...l, isDone: false }))
		);
		const participants = await resolveParticipants(trx, plan);
		await insertParticipants(trx, id, participants);
		await recordAudit(trx, {
			actor,
			ip: actor.ip,
			action: 'meeting.create',
			entity: 'meeting',
			entityId: id,
			changes: { title: plan.title, startsAt: plan.startsAt, participants: participants.length }
		});
		return id;
	});
}

function assertEditable(meeting: MeetingJoined) {
	const phase = meetingPhase(
		{ status: meeting.status, startsAt: meeting.starts_at, endsAt: meeting.ends_at },
		new Date()
	);
	if (phase === 'cancelled' || phase === 'ended') {
		throw new ValidationError({ _: m.meeting_err_not_editable() });
	}
}

/**
 * Changes a plan. After the notice, every change is a new version (SEQUENCE + 1): people
 * removed get a CANCEL, everyone else the updated invite.
 */
export async function updateMeeting(
	db: DB,
	actor: Actor,
	id: number,
	input: unknown
): Promise<void> {
	const { timeZone } = await getSettings(db);
	const plan = parseMeetingPlan(input, timeZone);
	await db.transaction().execute(async (trx) => {
		const before = await loadManagedMeeting(trx, actor, id);
		assertEditable(before);
		await checkPlanReferences(trx, plan, before.type_id);
		const moved =
			plan.roomId !== before.room_id ||
			plan.startsAt !== before.starts_at ||
			plan.endsAt !== before.ends_at;
		// An unchanged booking stays valid even if its room was deactivated meanwhile.
		if (plan.roomId && moved) {
			await assertRoomBookable(trx, {
				roomId: plan.roomId,
				startsAt: plan.startsAt,
				endsAt: plan.endsAt,
				exceptMeetingId: id
			});
		}
		const issued = before.status === 'issued';
		const columns = planColumns(plan);
		await updateMeetingRow(trx, id, {
			...columns,
			sequence: issued ? before.sequence + 1 : before.sequence,
			updated_at: new Date().toISOString()
		});
		await replaceAgenda(trx, id, plan.agenda);
		await replaceLogistics(
			trx,
			id,
			plan.logistics.map((l) => ({ ...l, isDone: false }))
		);
		const current = await listParticipants(trx, id);
		const wanted = await resolveParticipants(trx, plan);
		const wantedIds = new Set(wanted.map((p) => p.userId));
		const currentById = new Map(current.map((p) => [p.userId, p]));
		const removed = current.filter((p) => !wantedIds.has(p.userId));
		const added = wanted.filter((p) => !currentById.has(p.userId));
		await deleteParticipants(
			trx,
			id,
			removed.map((p) => p.userId)
		);
		await insertParticipants(trx, id, added);
		for (const p of wanted) {
			const c = currentById.get(p.userId);
			if (c && c.role !== p.role) await updateParticipantRole(trx, id, p.userId, p.role);
		}
		await recordAudit(trx, {
			actor,
			ip: actor.ip,
			action: 'meeting.update',
			entity: 'meeting',
			entityId: id,
			changes: {
				...diff(before as unknown as Record<string, unknown>, columns),
				added: added.length,
				removed: removed.length
			}
		});
		if (issued) await notifyParticipantChanges(trx, id, removed);
	});
}

/** Issues the notice: in-app notifications and e-mail invites to every participant. */
export async function issueNotice(db: DB, actor: Actor, id: number): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const meeting = await loadManagedMeeting(trx, actor, id);
		assertEditable(meeting);
		if (meeting.status !== 'draft')
			throw new ValidationError({ _: m.meeting_err_already_issued() });
		await updateMeetingRow(trx, id, { status: 'issued', issued_at: new Date().toISOString() });
		await recordAudit(trx, {
			actor,
			ip: actor.ip,
			action: 'meeting.issue',
			entity: 'meeting',
			entityId: id
		});
		await notifyAll(trx, id, 'notice');
	});
}

/** Cancels a meeting before it ends; issued ones send CANCEL to everyone invited. */
export async function cancelMeeting(db: DB, actor: Actor, id: number, reason: string) {
	const why = reason.trim().slice(0, 200);
	if (!why) throw new ValidationError({ reason: m.meeting_err_cancel_reason() });
	await db.transaction().execute(async (trx) => {
		const meeting = await loadManagedMeeting(trx, actor, id);
		assertEditable(meeting);
		const issued = meeting.status === 'issued';
		await updateMeetingRow(trx, id, {
			status: 'cancelled',
			cancelled_at: new Date().toISOString(),
			cancel_reason: why,
			sequence: issued ? meeting.sequence + 1 : meeting.sequence
		});
		await recordAudit(trx, {
			actor,
			ip: actor.ip,
			action: 'meeting.cancel',
			entity: 'meeting',
			entityId: id,
			changes: { reason: why }
		});
		if (issued) await notifyAll(trx, id, 'cancel');
	});
}
