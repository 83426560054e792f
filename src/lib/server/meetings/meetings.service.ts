import { randomUUID } from 'node:crypto';
import * as m from '$lib/paraglide/messages';
import { meetingPhase } from '$lib/domain/meetings';
import type { Actor } from '../actor';
import { audit, diff } from '../audit';
import { canPlanMeetings, requirePermission } from '../permissions';
import type { DB } from '../db';
import { ValidationError } from '../errors';
import { assertRoomBookable } from '../rooms/rooms.service';
import { getSettings } from '../settings/settings.service';
import { loadManagedMeeting } from './access';
import {
	cancelMeetingRow,
	insertMeeting,
	issueMeetingRow,
	listAgenda,
	listLogistics,
	lockMeeting,
	replaceAgenda,
	replaceLogistics,
	setMeetingSequence,
	updateMeetingFields,
	type AgendaItem,
	type LogisticsItem,
	type Meeting,
	type MeetingFields
} from './meetings.repository';
import { cancelSchema, type CancelInput, type MeetingPlanInput } from './meetings.schema';
import {
	changeNotices,
	hasNotices,
	notifyAll,
	sendChangeNotices,
	versionOf
} from './meetings.notify';
import {
	deleteParticipants,
	insertParticipants,
	listParticipants,
	updateParticipantRole
} from './participants.repository';
import {
	checkPlanReferences,
	parseMeetingPlan,
	resolveParticipants,
	type MeetingPlan
} from './plan.service';
import { parseInput } from '../validation';
import * as clock from '../clock';
import { inTransaction } from '../db/transaction';
import { emitWebhookEvent } from '../webhooks/webhooks.events';

/** The meeting's own fields of a plan (a booked room needs no written place). */
function planFields(plan: MeetingPlan): MeetingFields {
	return {
		title: plan.title,
		typeId: plan.typeId,
		startsAt: plan.startsAt,
		endsAt: plan.endsAt,
		roomId: plan.roomId,
		location: plan.roomId ? '' : plan.location,
		organiserDepartmentId: plan.organiserDepartmentId,
		hostId: plan.hostId,
		recorderId: plan.recorderId,
		replyDeadline: plan.replyDeadline,
		requirements: plan.requirements,
		contactName: plan.contactName,
		contactPhone: plan.contactPhone,
		classification: plan.classification
	};
}

/** The office drafts a meeting plan; nothing is sent until the notice is issued. */
export async function createMeeting(
	db: DB,
	actor: Actor,
	input: MeetingPlanInput,
	at = clock.now()
): Promise<number> {
	requirePermission(actor, canPlanMeetings);
	const { timeZone } = await getSettings(db);
	const plan = parseMeetingPlan(input, timeZone);
	return inTransaction(db, async (trx) => {
		await checkPlanReferences(trx, plan);
		if (plan.roomId) {
			await assertRoomBookable(trx, {
				roomId: plan.roomId,
				startsAt: plan.startsAt,
				endsAt: plan.endsAt
			});
		}
		const id = await insertMeeting(trx, {
			...planFields(plan),
			uid: `${randomUUID()}@huiban`,
			createdBy: actor.id,
			at: at.toISOString()
		});
		await replaceAgenda(trx, id, plan.agenda);
		await replaceLogistics(
			trx,
			id,
			plan.logistics.map((l) => ({ ...l, isDone: false }))
		);
		const participants = await resolveParticipants(trx, plan);
		await insertParticipants(trx, id, participants);
		await audit(trx, actor, 'meeting.create', 'meeting', id, {
			title: plan.title,
			startsAt: plan.startsAt,
			participants: participants.length
		});
		return id;
	});
}

function assertEditable(meeting: Meeting, now = clock.now()) {
	const phase = meetingPhase(meeting, now);
	if (phase === 'cancelled' || phase === 'ended') {
		throw new ValidationError({ _: m.meeting_err_not_editable() });
	}
}

/**
 * 会务准备 tasks after an edit: a task that stays (same item, same owner) keeps its tick; a new
 * or reassigned one starts unticked.
 */
function carryDone(before: LogisticsItem[], wanted: MeetingPlan['logistics']): LogisticsItem[] {
	const done = before.filter((t) => t.isDone);
	return wanted.map((l) => {
		const i = done.findIndex((t) => t.item === l.item && t.ownerId === l.ownerId);
		return { ...l, isDone: i >= 0 && done.splice(i, 1).length > 0 };
	});
}

const sameList = (a: unknown[], b: unknown[]) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Changes a plan. After the notice, people hear only of a change they can see (time, place,
 * name, agenda, their own role), and it is then a new version (SEQUENCE + 1): people removed
 * are told they need not come, with a CANCEL; people added get the notice. Saving with nothing
 * changed writes nothing.
 */
export async function updateMeeting(
	db: DB,
	actor: Actor,
	id: number,
	input: MeetingPlanInput
): Promise<void> {
	const { timeZone } = await getSettings(db);
	const plan = parseMeetingPlan(input, timeZone);
	await inTransaction(db, async (trx) => {
		// One edit at a time: the next one compares with what this one leaves.
		await lockMeeting(trx, id);
		const before = await loadManagedMeeting(trx, actor, id);
		assertEditable(before);
		await checkPlanReferences(trx, plan, before.typeId);
		const moved =
			plan.roomId !== before.roomId ||
			plan.startsAt !== before.startsAt ||
			plan.endsAt !== before.endsAt;
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
		const was = await versionOf(trx, id);
		const fields = planFields(plan);
		const changed = diff({ ...before }, fields);
		const oldAgenda = await listAgenda(trx, id);
		const oldTasks = await listLogistics(trx, id);
		const tasks = carryDone(oldTasks, plan.logistics);
		const agendaRow = (a: AgendaItem) => [a.title, a.presenter, a.minutes];
		const agendaChanged = !sameList(oldAgenda.map(agendaRow), plan.agenda.map(agendaRow));
		const tasksChanged = !sameList(
			oldTasks.map((t) => [t.item, t.ownerId]),
			tasks.map((t) => [t.item, t.ownerId])
		);
		const current = await listParticipants(trx, id);
		const wanted = await resolveParticipants(trx, plan);
		const wantedIds = new Set(wanted.map((p) => p.userId));
		const currentById = new Map(current.map((p) => [p.userId, p]));
		const removed = current.filter((p) => !wantedIds.has(p.userId));
		const added = wanted.filter((p) => !currentById.has(p.userId));
		const roles = wanted.filter((p) => {
			const c = currentById.get(p.userId);
			return c && c.role !== p.role;
		});
		const nothing =
			!Object.keys(changed).length &&
			!agendaChanged &&
			!tasksChanged &&
			!removed.length &&
			!added.length &&
			!roles.length;
		if (nothing) return;

		await updateMeetingFields(trx, id, fields, clock.nowIso());
		if (agendaChanged) await replaceAgenda(trx, id, plan.agenda);
		if (tasksChanged) await replaceLogistics(trx, id, tasks);
		await deleteParticipants(
			trx,
			id,
			removed.map((p) => p.userId)
		);
		await insertParticipants(trx, id, added);
		for (const p of roles) await updateParticipantRole(trx, id, p.userId, p.role);
		const now = await versionOf(trx, id);
		const notices = changeNotices(was, now, timeZone);
		const notify = issued && hasNotices(notices);
		if (notify) {
			now.meeting.sequence = before.sequence + 1;
			await setMeetingSequence(trx, id, now.meeting.sequence);
		}
		await audit(trx, actor, 'meeting.update', 'meeting', id, {
			...changed,
			...(agendaChanged ? { agenda: [oldAgenda.length, plan.agenda.length] } : {}),
			added: added.length,
			removed: removed.length
		});
		if (notify) await sendChangeNotices(trx, was, now, notices);
	});
}

/**
 * A transition that lost to a simultaneous one (another click, another planner) answers what a
 * second click would have been told, from the state the winner left.
 */
async function refuseLostTransition(trx: DB, actor: Actor, id: number): Promise<never> {
	const now = await loadManagedMeeting(trx, actor, id);
	assertEditable(now);
	throw new ValidationError({ _: m.meeting_err_already_issued() });
}

/**
 * Issues the notice: in-app notifications and e-mail invites to every participant. A notice
 * recorded after the fact (`at` in the past, `notify: false`: the demo's past weeks) sends
 * nothing now.
 */
export async function issueNotice(
	db: DB,
	actor: Actor,
	id: number,
	{ at = clock.now(), notify = true }: { at?: Date; notify?: boolean } = {}
): Promise<void> {
	await inTransaction(db, async (trx) => {
		const meeting = await loadManagedMeeting(trx, actor, id);
		assertEditable(meeting, at);
		if (meeting.status !== 'draft')
			throw new ValidationError({ _: m.meeting_err_already_issued() });
		// Compare-and-set: of simultaneous clicks only one turns the draft into a notice.
		if (!(await issueMeetingRow(trx, id, at.toISOString())))
			return refuseLostTransition(trx, actor, id);
		await audit(trx, actor, 'meeting.issue', 'meeting', id);
		if (notify) await notifyAll(trx, id, 'notice');
		if (notify) await emitWebhookEvent(trx, 'meeting.notice_issued', { meeting });
	});
}

/** Cancels a meeting before it ends; issued ones send CANCEL to everyone invited. */
export async function cancelMeeting(db: DB, actor: Actor, id: number, input: CancelInput) {
	const { reason: why } = parseInput(cancelSchema, input);
	await inTransaction(db, async (trx) => {
		const meeting = await loadManagedMeeting(trx, actor, id);
		assertEditable(meeting);
		// Compare-and-set: whether it was issued is read from the row the cancel changes, so a
		// notice issued a moment earlier is followed by its CANCEL.
		const done = await cancelMeetingRow(trx, id, { at: clock.nowIso(), reason: why });
		if (!done) return refuseLostTransition(trx, actor, id);
		await audit(trx, actor, 'meeting.cancel', 'meeting', id, { reason: why });
		if (done.wasIssued) await notifyAll(trx, id, 'cancel');
		if (done.wasIssued) await emitWebhookEvent(trx, 'meeting.cancelled', { meeting, reason: why });
	});
}
