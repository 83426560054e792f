import {
	supervisionColour,
	type SupervisionColour,
	type SupervisionStatus
} from '$lib/domain/supervision';
import { instantToZonedDate } from '$lib/domain/zoned-time';
import type { Actor } from '../actor';
import * as clock from '../clock';
import type { DB } from '../db';
import { listIssuedDecisions } from '../minutes/minutes.service';
import { getDepartments } from '../org/departments.service';
import { canManageSupervision, requirePermission } from '../permissions';
import { getSettings } from '../settings/settings.service';
import { findItemsByDecisions } from './items.repository';
import { getSupervisionSettings } from './terms.service';

/** A decision's supervision as the minutes show it: number, status, colour, deadline. */
export interface DecisionSupervision {
	id: number;
	number: string;
	status: SupervisionStatus;
	deadline: string;
	closedOn: string | null;
	colour: SupervisionColour;
}

/**
 * The supervision items made from these decisions (议定事项 → 督办), for the minutes and the
 * meeting page. Whoever may read the issued minutes sees each decision's number, status and
 * colour; the item page itself still asks canSeeSupervisionItem.
 */
export async function supervisionOfDecisions(
	db: DB,
	decisionIds: number[]
): Promise<Record<number, DecisionSupervision>> {
	const rows = await findItemsByDecisions(db, decisionIds);
	if (!rows.length) return {};
	const [{ timeZone }, terms] = await Promise.all([getSettings(db), getSupervisionSettings(db)]);
	const today = instantToZonedDate(clock.nowIso(), timeZone);
	return Object.fromEntries(
		rows.map((r) => [
			r.decisionId,
			{
				id: r.id,
				number: r.number,
				status: r.status,
				deadline: r.deadline,
				closedOn: r.closedOn,
				colour: supervisionColour(r, today, terms)
			}
		])
	);
}

/** What the minutes and the meeting page show of the decisions' supervision. */
export interface MinutesSupervision {
	/** decision id → its item. */
	items: Record<number, DecisionSupervision>;
	/** The reader may make an item of a decision (立项督办): a supervisor or leader, issued minutes. */
	canSupervise: boolean;
}

/** The supervision of issued minutes' decisions, for a reader who may read the minutes. */
export async function minutesSupervision(
	db: DB,
	actor: Actor,
	minutes: { status: string | null; decisions: { id: number }[] } | null
): Promise<MinutesSupervision> {
	if (!minutes || minutes.status !== 'issued') return { items: {}, canSupervise: false };
	return {
		items: await supervisionOfDecisions(
			db,
			minutes.decisions.map((d) => d.id)
		),
		canSupervise: canManageSupervision(actor)
	};
}

/** A decision of issued minutes not yet made an item of (督办立项's first list). */
export interface AwaitingDecision {
	id: number;
	seq: number;
	text: string;
	leadDepartmentName: string;
	deadline: string | null;
	meetingId: number;
	meetingTitle: string;
	minutesNumber: string;
}

/** The latest decisions of issued minutes that have no supervision item yet (managers only). */
export async function decisionsAwaitingItems(
	db: DB,
	actor: Actor,
	limit = 30
): Promise<AwaitingDecision[]> {
	requirePermission(actor, canManageSupervision);
	const decisions = await listIssuedDecisions(db);
	const made = new Set(
		(
			await findItemsByDecisions(
				db,
				decisions.map((d) => d.id)
			)
		).map((r) => r.decisionId)
	);
	const names = new Map((await getDepartments(db)).map((d) => [d.id, d.name]));
	return decisions
		.filter((d) => !made.has(d.id))
		.slice(0, limit)
		.map((d) => ({
			id: d.id,
			seq: d.seq,
			text: d.text,
			leadDepartmentName: names.get(d.leadDepartmentId) ?? '',
			deadline: d.deadline,
			meetingId: d.meetingId,
			meetingTitle: d.meetingTitle,
			minutesNumber: d.minutesNumber
		}));
}
