import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { meetingPhase, REPLY_KINDS } from '$lib/domain/meetings';
import type { Actor } from '../actor';
import { recordAudit } from '../audit';
import type { DB } from '../db';
import { ValidationError } from '../errors';
import { findUserById } from '../org/users.repository';
import { parseInput } from '../validation';
import { loadManagedMeeting, loadVisibleMeeting } from './access';
import type { MeetingJoined } from './meetings.repository';
import { notifyPeople, type Recipient } from './notify';
import { confirmDeputyRow, listParticipants, setReply } from './participants.repository';

const replySchema = z.object({
	reply: z.enum(REPLY_KINDS, { error: () => m.err_choose_one() }),
	reason: z
		.string()
		.trim()
		.max(200, { error: () => m.err_too_long({ max: 200 }) })
		.default(''),
	deputyId: z.preprocess(
		(v) => (v === '' || v == null ? null : v),
		z.coerce.number().int().positive().nullable()
	)
});

function assertOpenForReplies(meeting: MeetingJoined, now: Date) {
	const phase = meetingPhase(
		{ status: meeting.status, startsAt: meeting.starts_at, endsAt: meeting.ends_at },
		now
	);
	if (phase !== 'issued') throw new ValidationError({ _: m.reply_err_closed() });
	if (meeting.reply_deadline && now.toISOString() > meeting.reply_deadline) {
		throw new ValidationError({ _: m.reply_err_deadline() });
	}
}

/** 回执: attend; excused with a reason; or a deputy who then goes in the principal's place. */
export async function replyToMeeting(
	db: DB,
	actor: Actor,
	meetingId: number,
	input: unknown,
	now = new Date()
): Promise<void> {
	const data = parseInput(replySchema, input);
	if (data.reply === 'excused' && !data.reason)
		throw new ValidationError({ reason: m.reply_err_reason() });
	if (data.reply === 'deputy' && !data.deputyId)
		throw new ValidationError({ deputyId: m.reply_err_deputy() });
	await db.transaction().execute(async (trx) => {
		const meeting = await loadVisibleMeeting(trx, actor, meetingId);
		assertOpenForReplies(meeting, now);
		const participants = await listParticipants(trx, meetingId);
		const mine = participants.find((p) => p.userId === actor.id);
		if (!mine) throw new ValidationError({ _: m.reply_err_not_participant() });
		let deputy: Recipient | null = null;
		if (data.reply === 'deputy') {
			const u = await findUserById(trx, data.deputyId!);
			const taken = participants.some(
				(p) => p.userId === u?.id || (p.deputyId === u?.id && p.id !== mine.id)
			);
			if (!u || !u.isActive || u.id === actor.id)
				throw new ValidationError({ deputyId: m.reply_err_deputy() });
			if (taken)
				throw new ValidationError({ deputyId: m.reply_err_deputy_taken({ name: u.name }) });
			deputy = { userId: u.id, name: u.name, email: u.email, role: mine.role };
		}
		await setReply(trx, mine.id, {
			reply: data.reply,
			reason: data.reply === 'attend' ? '' : data.reason,
			deputyId: deputy?.userId ?? null,
			at: now.toISOString()
		});
		await recordAudit(trx, {
			actor,
			ip: actor.ip,
			action: 'meeting.reply',
			entity: 'meeting',
			entityId: meetingId,
			changes: { reply: data.reply, reason: data.reason, deputy: deputy?.name ?? null }
		});
		const previous = mine.deputyId && mine.deputyId !== deputy?.userId ? mine : null;
		if (previous) {
			const old = {
				userId: previous.deputyId!,
				name: previous.deputyName ?? '',
				email: previous.deputyEmail ?? '',
				role: mine.role
			};
			await notifyPeople(trx, meeting, [old], 'cancel');
		}
		if (deputy && deputy.userId !== mine.deputyId)
			await notifyPeople(trx, meeting, [deputy], 'notice');
	});
}

/** The named deputy confirms that they will attend in the principal's place. */
export async function confirmDeputy(db: DB, actor: Actor, meetingId: number, now = new Date()) {
	await db.transaction().execute(async (trx) => {
		const meeting = await loadVisibleMeeting(trx, actor, meetingId);
		assertOpenForReplies(meeting, now);
		const row = (await listParticipants(trx, meetingId)).find(
			(p) => p.reply === 'deputy' && p.deputyId === actor.id
		);
		if (!row) throw new ValidationError({ _: m.reply_err_not_participant() });
		await confirmDeputyRow(trx, row.id, now.toISOString());
		await recordAudit(trx, {
			actor,
			ip: actor.ip,
			action: 'meeting.deputy_confirm',
			entity: 'meeting',
			entityId: meetingId,
			changes: { for: row.name }
		});
	});
}

/** 催办 by hand: remind everyone who has not replied; returns how many were reminded. */
export async function urgeReplies(db: DB, actor: Actor, meetingId: number): Promise<number> {
	return db.transaction().execute(async (trx) => {
		const meeting = await loadManagedMeeting(trx, actor, meetingId);
		assertOpenForReplies(meeting, new Date());
		const pending = (await listParticipants(trx, meetingId)).filter((p) => p.reply === 'pending');
		await notifyPeople(
			trx,
			meeting,
			pending.map((p) => ({ userId: p.userId, name: p.name, email: p.email, role: p.role })),
			'reminder'
		);
		await recordAudit(trx, {
			actor,
			ip: actor.ip,
			action: 'meeting.urge',
			entity: 'meeting',
			entityId: meetingId,
			changes: { reminded: pending.length }
		});
		return pending.length;
	});
}
