import * as m from '$lib/paraglide/messages';
import { formatDateShort } from '$lib/format';
import type { DB } from '../db';
import type { DutyRole } from '../db/schema-duty';
import { notify as notifyPeople, OFFICE_LOCALE } from '../notifications/notify';
import { listShifts } from './periods.repository';
import { listActivePeopleWithRoles } from './pools.repository';
import { type DutyAssignment } from './roster.repository';
import { SWAP_DECIDER_ROLES } from '../permissions';
import type { DutySwap } from './swaps.repository';

// Notifications are stored text read by other people later: always in the office's language.
export const STORED = OFFICE_LOCALE;
const LINK = '/duty/swaps';

/** 10月3日（星期六）: one date presentation (issue 9). */
export function dateLabel(date: string, o?: typeof STORED): string {
	return o ? formatDateShort(date, undefined, o.locale) : formatDateShort(date);
}

export function roleLabel(role: DutyRole, o?: typeof STORED): string {
	return role === 'leader' ? m.duty_swap_role_leader({}, o) : m.duty_swap_role_officer({}, o);
}

export function kindLabel(kind: DutySwap['kind']): string {
	return kind === 'swap'
		? m.duty_swap_kind_swap({}, STORED)
		: m.duty_swap_kind_handover({}, STORED);
}

/** "10月3日（星期六）白班（值班员）", for notifications and the audit log. */
export function describeSlot(a: DutyAssignment, r: { shiftNames: Map<number, string> }): string {
	const shift = r.shiftNames.get(a.shiftId) ?? '';
	return `${dateLabel(a.date, STORED)}${shift}（${roleLabel(a.role, STORED)}）`;
}

export async function shiftNamesOf(db: DB, periodId: number): Promise<Map<number, string>> {
	return new Map((await listShifts(db, periodId)).map((s) => [s.id, s.name]));
}

export async function activeOfficeIds(db: DB): Promise<number[]> {
	return (await listActivePeopleWithRoles(db, [...SWAP_DECIDER_ROLES])).map((p) => p.id);
}

export async function notify(db: DB, userIds: number[], title: string, body = ''): Promise<void> {
	await notifyPeople(db, userIds, { kind: 'duty_swap', title, body, link: LINK });
}
