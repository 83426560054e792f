import * as m from '$lib/paraglide/messages';
import { instantToZonedDate, instantToZonedTime } from '$lib/domain/zoned-time';
import { formatMonthDay } from '$lib/format';
export { weekdayName } from '$lib/format';

/** The kinds, roles and handover states the log pages show (as the server names them). */
export type { DutyLogKind as LogKind, DutyRole as LogRole } from '$lib/domain/duty-terms';
import {
	DUTY_LOG_KINDS,
	type DutyLogKind as LogKind,
	type DutyRole as LogRole
} from '$lib/domain/duty-terms';
export type HandoverState = 'acknowledged' | 'pending' | 'none';

export const LOG_KINDS: readonly LogKind[] = DUTY_LOG_KINDS;

export function kindLabel(kind: LogKind): string {
	if (kind === 'call') return m.duty_log_kind_call();
	return kind === 'visit' ? m.duty_log_kind_visit() : m.duty_log_kind_incident();
}

export function roleLabel(role: LogRole): string {
	return role === 'leader' ? m.duty_log_role_leader() : m.duty_log_role_officer();
}

export function statusLabel(s: HandoverState): string {
	if (s === 'acknowledged') return m.duty_log_status_acknowledged();
	return s === 'pending' ? m.duty_log_status_pending() : m.duty_log_status_none();
}

export function statusTag(s: HandoverState): string {
	return s === 'acknowledged' ? 'tag green' : s === 'pending' ? 'tag red' : 'tag';
}

/** HH:mm in the office's zone, with the date in front when it is not the duty date. */
export function timeOnDuty(iso: string, dutyDate: string, timeZone: string): string {
	const day = instantToZonedDate(iso, timeZone);
	const hm = instantToZonedTime(iso, timeZone);
	return day === dutyDate ? hm : `${formatMonthDay(day)} ${hm}`;
}

/** The people of a shift as 「带班领导：李强；值班员：王芳、陈静」. */
export function peopleLine(people: Array<{ name: string; role: LogRole }>): string {
	const part = (role: LogRole) => {
		const names = people.filter((p) => p.role === role).map((p) => p.name);
		return names.length ? `${roleLabel(role)}：${names.join('、')}` : '';
	};
	return [part('leader'), part('officer')].filter(Boolean).join('；') || m.duty_log_nobody();
}
