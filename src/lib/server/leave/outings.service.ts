/**
 * 外出报备 (issue 11): a same-day business outing, reported by the person (today or a later
 * date), told to the department head; 我已返回 records when they came back, or it is cancelled.
 * Each change is a compare-and-set on `status` (外出中 → 已返回 / 已取消), audited in the same
 * transaction. Two outings of one person may not overlap (held by a lock on the person).
 */
import * as m from '$lib/paraglide/messages';
import { instantToZonedDate, instantToZonedTime } from '$lib/domain/zoned-time';
import type { Actor } from '../actor';
import { audit } from '../audit';
import * as clock from '../clock';
import type { DB } from '../db';
import { lockName } from '../db/locks';
import { inTransaction } from '../db/transaction';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { findPersonById } from '../org/users.service';
import {
	canRequestLeave,
	canSeeDepartmentLeave,
	requirePermission,
	type LeaveViewer
} from '../permissions';
import { getSettings } from '../settings/settings.service';
import { parseInput } from '../validation';
import { overlapsOuting } from './outing-times';
import { tellHeadsAboutOuting } from './outings.notify';
import {
	findLiveOutingsOf,
	findOutingById,
	insertOuting,
	moveOuting,
	type Outing
} from './outings.repository';
import { outingSchema, type OutingInput } from './outings.schema';

export interface OutingOptions {
	/** The instant the change happens (tests, demo); the clock's now by default. */
	at?: Date;
	/** false: record without telling anybody (demo data). */
	notify?: boolean;
}

/** The office's date and HH:MM of an instant. */
export async function officeMoment(
	db: DB,
	at: string = clock.nowIso()
): Promise<{ timeZone: string; today: string; time: string }> {
	const { timeZone } = await getSettings(db);
	return {
		timeZone,
		today: instantToZonedDate(at, timeZone),
		time: instantToZonedTime(at, timeZone)
	};
}

/** The actor with their department, as the leave predicates read it. */
export async function leaveViewer(db: DB, actor: Actor): Promise<Actor & LeaveViewer> {
	const person = await findPersonById(db, actor.id);
	return { ...actor, departmentId: person?.departmentId ?? null };
}

/** Whether the viewer may see this outing: its person, their department's head, office/leaders. */
export function canSeeOuting(viewer: LeaveViewer, o: Pick<Outing, 'userId' | 'departmentId'>) {
	return viewer.id === o.userId || canSeeDepartmentLeave(viewer, o.departmentId);
}

/** 外出报备: date (today if not given; not in the past), times, 去向, 事由. */
export async function reportOuting(
	db: DB,
	actor: Actor,
	input: OutingInput,
	o: OutingOptions = {}
): Promise<number> {
	requirePermission(actor, canRequestLeave);
	const v = parseInput(outingSchema, input);
	return inTransaction(db, async (trx) => {
		const at = (o.at ?? clock.now()).toISOString();
		const { timeZone, today } = await officeMoment(trx, at);
		const date = v.date || today;
		const errors: Record<string, string> = {};
		if (date < today) errors.date = m.outing_err_past();
		if (v.backBy <= v.outAt) errors.backBy = m.outing_err_back_before_out();
		if (Object.keys(errors).length) throw new ValidationError(errors);
		await lockName(trx, `outing:${actor.id}`);
		const live = await findLiveOutingsOf(trx, actor.id, date);
		const clash = live.find((x) => overlapsOuting(v.outAt, v.backBy, x, timeZone));
		if (clash)
			throw new ValidationError({
				_: m.outing_err_overlap({ from: clash.outAt, to: clash.backBy })
			});
		const person = await findPersonById(trx, actor.id);
		const departmentId = person?.departmentId ?? null;
		const id = await insertOuting(trx, {
			userId: actor.id,
			departmentId,
			date,
			outAt: v.outAt,
			backBy: v.backBy,
			destination: v.destination,
			matter: v.matter,
			createdAt: at
		});
		await audit(trx, actor, 'outing.report', 'outing', id, {
			date,
			outAt: v.outAt,
			backBy: v.backBy,
			destination: v.destination,
			matter: v.matter
		});
		const outing = await findOutingById(trx, id);
		if (outing && o.notify !== false) await tellHeadsAboutOuting(trx, outing);
		return id;
	});
}

/** An outing of the actor's own: others who may see it get 403, anyone else 404. */
async function loadOwnOuting(db: DB, actor: Actor, id: number): Promise<Outing> {
	const outing = await findOutingById(db, id);
	if (!outing) throw new NotFoundError();
	if (outing.userId === actor.id) return outing;
	if (canSeeOuting(await leaveViewer(db, actor), outing)) throw new ForbiddenError();
	throw new NotFoundError();
}

const stateMessage = (o: Outing) =>
	o.status === 'back' ? m.outing_err_already_back() : m.outing_err_already_cancelled();

/** 我已返回: the person marks the outing back (the time is recorded). */
export async function markOutingBack(
	db: DB,
	actor: Actor,
	id: number,
	o: OutingOptions = {}
): Promise<void> {
	await inTransaction(db, async (trx) => {
		const outing = await loadOwnOuting(trx, actor, id);
		const at = (o.at ?? clock.now()).toISOString();
		if (!(await moveOuting(trx, id, 'back', at))) {
			const now = await findOutingById(trx, id);
			throw new ValidationError({ _: stateMessage(now ?? outing) });
		}
		await audit(trx, actor, 'outing.back', 'outing', id, { status: 'back', backAt: at });
	});
}

/** 取消: the person cancels an outing still 外出中 (e.g. reported by mistake or not needed). */
export async function cancelOuting(db: DB, actor: Actor, id: number): Promise<void> {
	await inTransaction(db, async (trx) => {
		const outing = await loadOwnOuting(trx, actor, id);
		if (!(await moveOuting(trx, id, 'cancelled', null))) {
			const now = await findOutingById(trx, id);
			throw new ValidationError({ _: stateMessage(now ?? outing) });
		}
		await audit(trx, actor, 'outing.cancel', 'outing', id, { status: 'cancelled' });
	});
}
