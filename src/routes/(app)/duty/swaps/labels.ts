import * as m from '$lib/paraglide/messages';
import { instantToZonedTime } from '$lib/domain/zoned-time';
import { formatDateShort } from '$lib/format';
import type { DutyRole, DutySwapKind, DutySwapStatus } from '$lib/server/db/schema-duty';

const STATUS: Record<DutySwapStatus, () => string> = {
	proposed: m.duty_swap_status_proposed,
	accepted: m.duty_swap_status_accepted,
	approved: m.duty_swap_status_approved,
	rejected: m.duty_swap_status_rejected,
	declined: m.duty_swap_status_declined,
	withdrawn: m.duty_swap_status_withdrawn
};

export function statusLabel(s: DutySwapStatus): string {
	return STATUS[s]();
}

export function kindLabel(k: DutySwapKind): string {
	return k === 'swap' ? m.duty_swap_kind_swap() : m.duty_swap_kind_handover();
}

export function roleLabel(r: DutyRole): string {
	return r === 'leader' ? m.duty_swap_role_leader() : m.duty_swap_role_officer();
}

/** "10月3日（星期六）" from YYYY-MM-DD. */
export function dateLabel(date: string): string {
	return formatDateShort(date);
}

/** "10月3日（星期六）白班 08:30—17:30（除夕）". */
export function slotText(
	s: { date: string; shiftName: string; startsAt: string; endsAt: string; label: string },
	timeZone: string
): string {
	const from = instantToZonedTime(s.startsAt, timeZone);
	const to = instantToZonedTime(s.endsAt, timeZone);
	const text = `${dateLabel(s.date)}${s.shiftName} ${from}—${to}`;
	return withNote(text, s.label);
}

/** "text（note）", or the text alone without a note. */
export function withNote(text: string, note: string | null | undefined): string {
	return note ? m.duty_swap_with_note({ text, note }) : text;
}

/** Status tag colour: done well green, refused red, open plain. */
export function statusClass(s: DutySwapStatus): string {
	if (s === 'approved') return 'tag green';
	if (s === 'rejected' || s === 'declined') return 'tag red';
	return 'tag';
}
