import * as m from '$lib/paraglide/messages';
import { seatsOf, type Layout } from '$lib/domain/seating';
import {
	arrange,
	guestIdOf,
	guestsAsPeople,
	swapSeats,
	type PlanPerson,
	type Placement
} from '$lib/domain/seating-plan';
import type { FloorOrder } from '$lib/domain/seating-order';
import type { Actor } from '../actor';
import { audit } from '../audit';
import { nowIso } from '../clock';
import type { DB } from '../db';
import { lockRow } from '../db/locks';
import { inTransaction } from '../db/transaction';
import { ValidationError, withUniqueField } from '../errors';
import { loadManagedMeeting } from '../meetings/access';
import type { Meeting } from '../meetings/meetings.repository';
import { parseInput } from '../validation';
import { layoutFrom } from './templates.service';
import {
	advancePlanVersion,
	deleteGuest,
	deletePlacements,
	findPlanOfMeeting,
	insertGuest,
	insertPlacements,
	insertPlan,
	insertVersion,
	listGuests,
	listPlacements,
	setPlacementLock,
	writeGuestSeats,
	type GuestRow,
	type PlacementRow,
	type PlanFields,
	type PlanRow
} from './seating.repository';
import { listSeatPeople, type SeatPersonRow } from './seat-people.repository';
import { findTemplateById } from './templates.repository';
import {
	arrangeSchema,
	guestSchema,
	lockSchema,
	placeSchema,
	planSetupSchema,
	removeGuestSchema,
	swapSchema,
	type GuestInput,
	type PlanSetupInput
} from './seating.schema';
import type { Convention, ExcusedMode, PairOrder, PlanRecord, SeatKey } from './seating.types';

// 座次: a meeting's plan (a room's templates: templates.service.ts). Every change of a plan is one transaction that
// wins the compare-and-set on seating_plans.version (the version the page was shown at), writes
// the placements, a seating_versions row (the new version's placements and a summary) and the
// audit row; a second click or a colleague's change at the same moment gets
// "座次表已被他人修改" and changes nothing.

export type * from './seating.types';
export type { GuestInput, PlanSetupInput };

// ---- the plan -----------------------------------------------------------------------------

export function toPlanRecord(p: PlanRow): PlanRecord {
	return {
		id: p.id,
		meetingId: p.meetingId,
		templateId: p.templateId,
		layout: p.layout,
		version: p.version,
		updatedAt: p.updatedAt,
		convention: p.convention as Convention,
		pair: p.pair as PairOrder,
		floorOrder: p.floorOrder as FloorOrder,
		excusedMode: p.excusedMode as ExcusedMode,
		seatStaff: p.seatStaff
	};
}

const changed = () => new ValidationError({ _: m.seating_err_changed() });

/** Sets up the meeting's plan (first time: version null) or changes its layout and conventions. */
export async function setupPlan(
	db: DB,
	actor: Actor,
	meetingId: number,
	input: PlanSetupInput
): Promise<PlanRecord> {
	const data = parseInput(planSetupSchema, input);
	return inTransaction(db, async (trx) => {
		const meeting = await plannableMeeting(trx, actor, meetingId);
		let layout: Layout;
		let templateId: number | null = null;
		if (data.templateId != null) {
			const t = await findTemplateById(trx, data.templateId);
			if (meeting.roomId == null)
				throw new ValidationError({ templateId: m.seating_err_no_room() });
			if (!t || t.roomId !== meeting.roomId)
				throw new ValidationError({ templateId: m.seating_err_template() });
			templateId = t.id;
			layout = t.layout;
		}
		if (data.layout !== undefined && data.layout !== null && data.layout !== '')
			layout = layoutFrom(data.layout);
		else if (!templateId) throw new ValidationError({ layout: m.seating_err_layout_required() });
		const fields: PlanFields = {
			templateId,
			layout: layout!,
			convention: data.convention,
			pair: data.pair,
			floorOrder: data.floorOrder,
			excusedMode: data.excusedMode,
			seatStaff: data.seatStaff
		};
		const at = nowIso();
		const summary = m.seating_sum_setup();
		if (data.version == null) {
			// The first plan: setups take turns on the meeting's row; the unique meeting_id holds too.
			await lockRow(trx, 'meetings', meetingId);
			if (await findPlanOfMeeting(trx, meetingId)) throw changed();
			const id = await withUniqueField(
				insertPlan(trx, meetingId, fields, actor.id, at),
				'_',
				m.seating_err_changed()
			);
			await insertVersion(trx, {
				planId: id,
				version: 1,
				by: actor.id,
				at,
				summary,
				placements: []
			});
			await audit(trx, actor, 'seating.setup', 'meeting', meetingId, { ...fields, version: 1 });
			return toPlanRecord((await findPlanOfMeeting(trx, meetingId))!);
		}
		const plan = await findPlanOfMeeting(trx, meetingId);
		if (!plan || plan.version !== data.version) throw changed();
		const before = toPlanRecord(plan);
		const diff: Record<string, unknown> = {};
		for (const k of Object.keys(fields) as (keyof PlanFields)[]) {
			if (JSON.stringify(before[k]) !== JSON.stringify(fields[k])) diff[k] = fields[k];
		}
		// The same form again (a second click) changes nothing.
		if (!Object.keys(diff).length) return before;
		if (!(await advancePlanVersion(trx, plan.id, plan.version, actor.id, at, fields)))
			throw changed();
		// Seats the new layout no longer has are emptied; their people show as unseated.
		const keys = new Set(seatsOf(fields.layout).map((s) => s.key));
		const placements = await listPlacements(trx, plan.id);
		await deletePlacements(
			trx,
			plan.id,
			placements.filter((p) => !keys.has(p.seat)).map((p) => p.seat)
		);
		const guests = await listGuests(trx, plan.id);
		const lost = guests.filter((g) => g.seat && !keys.has(g.seat));
		await writeGuestSeats(
			trx,
			plan.id,
			lost.map((g) => ({ id: g.id, seat: null, locked: false }))
		);
		const version = plan.version + 1;
		await insertVersion(trx, {
			planId: plan.id,
			version,
			by: actor.id,
			at,
			summary,
			placements: snapshot(
				placements.filter((p) => keys.has(p.seat)),
				guests.filter((g) => !g.seat || keys.has(g.seat))
			)
		});
		await audit(trx, actor, 'seating.setup', 'meeting', meetingId, { ...diff, version });
		return toPlanRecord((await findPlanOfMeeting(trx, meetingId))!);
	});
}

function placementsOf(rows: PlacementRow[]): Placement[] {
	return rows.map((p) => ({ seat: p.seat, participantId: p.participantId, locked: p.locked }));
}

/** A talks plan's seated guests as placements of the arrangement (participantId = -guest id). */
function guestPlacementsOf(guests: GuestRow[]): Placement[] {
	return guests.flatMap((g) =>
		g.seat ? [{ seat: g.seat, participantId: -g.id, locked: g.locked }] : []
	);
}

/** A version's record of who sat where: the participants, then the seated guests. */
function snapshot(rows: PlacementRow[], guests: GuestRow[]) {
	return [
		...placementsOf(rows),
		...guests.flatMap((g) => (g.seat ? [{ seat: g.seat, guestId: g.id, locked: g.locked }] : []))
	];
}

interface PlanChangeContext {
	trx: DB;
	meeting: Meeting;
	plan: PlanRow;
	placements: PlacementRow[];
	/** A talks plan's guests (any plan may have them; only a talks layout seats them). */
	guests: GuestRow[];
	seatKeys: Set<SeatKey>;
	at: string;
}

/**
 * One change of a plan: the plan as the page showed it (`version`), checks by `work` before
 * anything is written, then the compare-and-set, the writes, the version row and the audit
 * row. `work` returns null when there is nothing to change (no version, no audit).
 */
/** A meeting whose plan the actor may change: they manage it and it is not cancelled. */
async function plannableMeeting(trx: DB, actor: Actor, meetingId: number) {
	const meeting = await loadManagedMeeting(trx, actor, meetingId);
	if (meeting.status === 'cancelled') throw new ValidationError({ _: m.seating_err_cancelled() });
	return meeting;
}

async function changePlan(
	db: DB,
	actor: Actor,
	meetingId: number,
	version: number,
	action: string,
	work: (
		c: PlanChangeContext
	) => Promise<{ write: () => Promise<void>; summary: string; changes: object } | null>
): Promise<void> {
	await inTransaction(db, async (trx) => {
		const meeting = await plannableMeeting(trx, actor, meetingId);
		const plan = await findPlanOfMeeting(trx, meetingId);
		if (!plan) throw new ValidationError({ _: m.seating_err_no_plan() });
		if (plan.version !== version) throw changed();
		const [placements, guests] = await Promise.all([
			listPlacements(trx, plan.id),
			listGuests(trx, plan.id)
		]);
		const seatKeys = new Set(seatsOf(plan.layout).map((s) => s.key));
		const at = nowIso();
		const step = await work({ trx, meeting, plan, placements, guests, seatKeys, at });
		if (!step) return;
		// What was read above is the plan at `version` only if nobody moved it on since: the
		// compare-and-set decides, and a loser's transaction ends here with nothing written.
		if (!(await advancePlanVersion(trx, plan.id, version, actor.id, at))) throw changed();
		await step.write();
		const next = version + 1;
		await insertVersion(trx, {
			planId: plan.id,
			version: next,
			by: actor.id,
			at,
			summary: step.summary,
			placements: snapshot(await listPlacements(trx, plan.id), await listGuests(trx, plan.id))
		});
		await audit(trx, actor, action, 'meeting', meetingId, { ...step.changes, version: next });
	});
}

function departmentRanks(people: SeatPersonRow[]): Map<number | null, number> {
	const depts = new Map<number, number>();
	for (const p of people)
		if (p.departmentId != null) depts.set(p.departmentId, p.departmentSort ?? 0);
	const ordered = [...depts.entries()].sort((a, b) => a[1] - b[1] || a[0] - b[0]);
	const ranks = new Map<number | null, number>(ordered.map(([id], i) => [id, i + 1]));
	ranks.set(null, ordered.length + 1);
	return ranks;
}

/** The meeting's people as the arrangement reads them. */
export function planPeople(people: SeatPersonRow[], seatStaff: boolean): PlanPerson[] {
	const ranks = departmentRanks(people);
	return people.map((p) => ({
		participantId: p.participantId,
		userId: p.userId,
		name: p.name,
		precedence: p.precedence,
		departmentOrder: ranks.get(p.departmentId) ?? ranks.get(null)!,
		role: p.role,
		reply: p.reply,
		deputyName: p.deputyName,
		seatStaff: p.role === 'staff' ? seatStaff : undefined
	}));
}

/** (Re-)arranges the plan by its conventions and the replies as they are now, keeping locked seats. */
export async function arrangePlan(
	db: DB,
	actor: Actor,
	meetingId: number,
	version: number
): Promise<void> {
	const data = parseInput(arrangeSchema, { version });
	await changePlan(db, actor, meetingId, data.version, 'seating.arrange', async (c) => {
		const people = await listSeatPeople(c.trx, meetingId);
		const byId = new Map(people.map((p) => [p.participantId, p]));
		// A talks plan seats its guests on the guest side, the participants on the host side.
		const talks = c.plan.layout.kind === 'talks';
		const guests = talks ? c.guests : [];
		const locked = [...placementsOf(c.placements), ...guestPlacementsOf(guests)].filter(
			(p) => p.locked && c.seatKeys.has(p.seat)
		);
		const result = arrange({
			layout: c.plan.layout,
			convention: c.plan.convention as Convention,
			pair: c.plan.pair as PairOrder,
			floorOrder: c.plan.floorOrder as FloorOrder,
			excused: c.plan.excusedMode as ExcusedMode,
			people: [...planPeople(people, c.plan.seatStaff), ...guestsAsPeople(guests)],
			locked
		});
		const rows: PlacementRow[] = [];
		const guestSeat = new Map<number, Placement>();
		for (const p of result.placements) {
			const guestId = guestIdOf(p.participantId);
			if (guestId != null) {
				guestSeat.set(guestId, p);
				continue;
			}
			const person = byId.get(p.participantId);
			rows.push({
				seat: p.seat,
				participantId: p.participantId,
				locked: p.locked,
				arrangedReply: person?.reply ?? 'pending',
				arrangedDeputyId: person?.deputyId ?? null
			});
		}
		return {
			summary: m.seating_sum_arrange(),
			changes: {
				seated: rows.length,
				guests: guestSeat.size,
				locked: locked.length,
				unseated: result.unseated.length
			},
			write: async () => {
				await deletePlacements(c.trx, c.plan.id);
				await insertPlacements(c.trx, c.plan.id, rows);
				await writeGuestSeats(
					c.trx,
					c.plan.id,
					c.guests.map((g) => ({
						id: g.id,
						seat: guestSeat.get(g.id)?.seat ?? null,
						locked: guestSeat.get(g.id)?.locked ?? false
					}))
				);
			}
		};
	});
}

function requireSeat(c: PlanChangeContext, seat: SeatKey, field = 'seat') {
	if (!c.seatKeys.has(seat)) throw new ValidationError({ [field]: m.seating_err_seat() });
}

/** Swaps two seats (either may be empty); a locked seat refuses. */
export async function swapPlanSeats(
	db: DB,
	actor: Actor,
	meetingId: number,
	version: number,
	a: SeatKey,
	b: SeatKey
): Promise<void> {
	const data = parseInput(swapSchema, { version, a, b });
	if (data.a === data.b) throw new ValidationError({ b: m.seating_err_same_seat() });
	await changePlan(db, actor, meetingId, data.version, 'seating.swap', async (c) => {
		requireSeat(c, data.a, 'a');
		requireSeat(c, data.b, 'b');
		// Participants and (at a talks table) guests alike: either may sit in either seat.
		const all = [...placementsOf(c.placements), ...guestPlacementsOf(c.guests)];
		const at = (seat: string) => all.find((p) => p.seat === seat);
		const pa = at(data.a);
		const pb = at(data.b);
		for (const [field, seat, p] of [
			['a', data.a, pa],
			['b', data.b, pb]
		] as const)
			if (p?.locked) throw new ValidationError({ [field]: m.seating_err_seat_locked({ seat }) });
		if (!pa && !pb) return null;
		const swapped = swapSeats(all, data.a, data.b);
		const moved: PlacementRow[] = [];
		const movedGuests: { id: number; seat: string; locked: boolean }[] = [];
		for (const p of swapped) {
			if (p.seat !== data.a && p.seat !== data.b) continue;
			const guestId = guestIdOf(p.participantId);
			if (guestId != null) {
				movedGuests.push({ id: guestId, seat: p.seat, locked: p.locked });
				continue;
			}
			const was = c.placements.find((x) => x.participantId === p.participantId)!;
			moved.push({ ...was, seat: p.seat, locked: p.locked });
		}
		return {
			summary: m.seating_sum_swap({ a: data.a, b: data.b }),
			changes: { a: data.a, b: data.b },
			write: async () => {
				await deletePlacements(c.trx, c.plan.id, [data.a, data.b]);
				await insertPlacements(c.trx, c.plan.id, moved);
				await writeGuestSeats(c.trx, c.plan.id, movedGuests);
			}
		};
	});
}

/** Locks (or unlocks) a taken seat: a locked seat keeps its person through re-arrangement. */
export async function setSeatLock(
	db: DB,
	actor: Actor,
	meetingId: number,
	version: number,
	seat: SeatKey,
	locked: boolean
): Promise<void> {
	const data = parseInput(lockSchema, { version, seat, locked });
	await changePlan(db, actor, meetingId, data.version, 'seating.lock', async (c) => {
		requireSeat(c, data.seat);
		const p = c.placements.find((x) => x.seat === data.seat);
		const g = c.guests.find((x) => x.seat === data.seat);
		if (!p && !g)
			throw new ValidationError({ seat: m.seating_err_seat_empty({ seat: data.seat }) });
		if ((p ?? g)!.locked === data.locked) return null;
		return {
			summary: data.locked
				? m.seating_sum_lock({ seat: data.seat })
				: m.seating_sum_unlock({ seat: data.seat }),
			changes: { seat: data.seat, locked: data.locked },
			write: () =>
				g
					? writeGuestSeats(c.trx, c.plan.id, [{ id: g.id, seat: data.seat, locked: data.locked }])
					: setPlacementLock(c.trx, c.plan.id, data.seat, data.locked)
		};
	});
}

/**
 * Seats an unseated participant on an empty seat, or (seat null) takes a participant off
 * their seat. A person already seated is refused (moving is a swap with an empty seat).
 */
export async function placePerson(
	db: DB,
	actor: Actor,
	meetingId: number,
	version: number,
	participantId: number,
	seat: SeatKey | null
): Promise<void> {
	const data = parseInput(placeSchema, { version, participantId, seat });
	await changePlan(db, actor, meetingId, data.version, 'seating.place', async (c) => {
		const person = (await listSeatPeople(c.trx, meetingId)).find(
			(p) => p.participantId === data.participantId
		);
		if (!person) throw new ValidationError({ participantId: m.seating_err_not_participant() });
		const mine = c.placements.find((p) => p.participantId === data.participantId);
		if (data.seat === null) {
			if (!mine) return null;
			if (mine.locked) throw new ValidationError({ seat: m.seating_err_person_locked() });
			return {
				summary: m.seating_sum_unseat({ name: person.name }),
				changes: { participant: person.name, seat: [mine.seat, null] },
				write: () => deletePlacements(c.trx, c.plan.id, [mine.seat])
			};
		}
		const target = data.seat;
		requireSeat(c, target);
		if (mine) throw new ValidationError({ participantId: m.seating_err_person_twice() });
		if (c.placements.some((p) => p.seat === target) || c.guests.some((g) => g.seat === target))
			throw new ValidationError({ seat: m.seating_err_seat_taken({ seat: target }) });
		return {
			summary: m.seating_sum_place({ name: person.name, seat: target }),
			changes: { participant: person.name, seat: [null, target] },
			write: () =>
				withUniqueField(
					insertPlacements(c.trx, c.plan.id, [
						{
							seat: target,
							participantId: person.participantId,
							locked: false,
							arrangedReply: person.reply,
							arrangedDeputyId: person.deputyId
						}
					]),
					'participantId',
					m.seating_err_person_twice()
				)
		};
	});
}

// ---- a talks plan's guests ----------------------------------------------------------------

/**
 * Adds a guest (会见/会谈 客方) to a talks plan: a name, a title or unit, a rank (1 = the guest
 * principal). Not seated until the plan is arranged again (or a seat is swapped to them).
 */
export async function addGuest(
	db: DB,
	actor: Actor,
	meetingId: number,
	input: GuestInput
): Promise<void> {
	const data = parseInput(guestSchema, input);
	await changePlan(db, actor, meetingId, data.version, 'seating.guest_add', async (c) => {
		if (c.plan.layout.kind !== 'talks')
			throw new ValidationError({ _: m.seating_err_guest_talks_only() });
		if (c.guests.length >= GUESTS_MAX)
			throw new ValidationError({ name: m.seating_err_guest_many({ max: GUESTS_MAX }) });
		const guest = { name: data.name, title: data.title, rank: data.rank };
		return {
			summary: m.seating_sum_guest_add({ name: data.name }),
			changes: { guest },
			write: async () => {
				await insertGuest(c.trx, c.plan.id, guest);
			}
		};
	});
}

/** A plan holds at most this many guests (a talks side has at most 30 seats). */
export const GUESTS_MAX = 60;

/** Takes a guest off the plan (their seat, if any, becomes empty); a locked seat refuses. */
export async function removeGuest(
	db: DB,
	actor: Actor,
	meetingId: number,
	version: number,
	guestId: number
): Promise<void> {
	const data = parseInput(removeGuestSchema, { version, guestId });
	await changePlan(db, actor, meetingId, data.version, 'seating.guest_remove', async (c) => {
		const guest = c.guests.find((g) => g.id === data.guestId);
		if (!guest) throw new ValidationError({ guestId: m.seating_err_guest_missing() });
		if (guest.locked) throw new ValidationError({ guestId: m.seating_err_person_locked() });
		return {
			summary: m.seating_sum_guest_remove({ name: guest.name }),
			changes: {
				guest: { name: guest.name, title: guest.title, rank: guest.rank, seat: guest.seat }
			},
			write: async () => {
				await deleteGuest(c.trx, c.plan.id, guest.id);
			}
		};
	});
}
