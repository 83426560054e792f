/**
 * The words of minutes (纪要) as a document — 版头, number, body, decisions numbered 一、二、…,
 * the 出席 / 请假 / 列席 / 记录 lines and the 版记 — composed once for the print page and the
 * .docx (minutes-docx.ts), so both say the same. Pure: the caller gives the minutes as
 * getMinutes read them, the office's name and time zone.
 */
import * as m from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { attendanceText } from '$lib/domain/minutes';
import { formatDate } from '$lib/format';
import type { MinutesDocContent } from './minutes-docx';
import type { Decision } from './minutes.repository';
import type { MinutesView } from './minutes.query';

const DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (up to 99). */
export function chineseNumeral(n: number): string {
	if (n < 10) return DIGITS[n];
	const tens = Math.floor(n / 10);
	return `${tens === 1 ? '' : DIGITS[tens]}十${DIGITS[n % 10]}`;
}

/** 一、 in Chinese, 1. otherwise. */
export function decisionLabel(seq: number): string {
	return getLocale().startsWith('zh') && seq < 100 ? `${chineseNumeral(seq)}、` : `${seq}. `;
}

/** The parenthesis after a decision: 牵头单位, 配合单位, 完成时限 (only those given). */
export function decisionDetails(d: Decision, timeZone: string): string {
	const parts = [
		d.leadDepartmentName ? m.minutes_doc_lead({ name: d.leadDepartmentName }) : '',
		d.coDepartments.length
			? m.minutes_doc_co({ names: d.coDepartments.map((c) => c.name).join(m.audit_join_list()) })
			: '',
		d.deadline ? m.minutes_doc_deadline({ date: formatDate(d.deadline, timeZone) }) : ''
	].filter(Boolean);
	return parts.length ? m.minutes_doc_details({ parts: parts.join(m.minutes_doc_sep()) }) : '';
}

/** The minutes as the printed page and the .docx say them. */
export function minutesDocument(
	view: Pick<MinutesView, 'meeting' | 'minutes' | 'decisions' | 'attendance'>,
	office: { officeName: string; timeZone: string }
): MinutesDocContent {
	const { meeting, minutes, decisions, attendance } = view;
	const issued = minutes?.status === 'issued';
	const tz = office.timeZone;
	return {
		masthead: m.minutes_doc_masthead({ type: meeting.typeName }),
		number: issued ? (minutes?.number ?? '') : '',
		draftMark: issued ? '' : m.minutes_doc_draft_mark(),
		classification: meeting.classified
			? meeting.classification === 'secret'
				? m.class_secret()
				: m.class_confidential()
			: '',
		title: meeting.title,
		body: minutes?.body ?? '',
		decisionsLead: decisions.length ? m.minutes_doc_decisions_lead() : '',
		decisions: decisions.map((d) => `${decisionLabel(d.seq)}${d.text}${decisionDetails(d, tz)}`),
		attendance: [
			attendanceText(m.meeting_role_attendee(), attendance.present),
			attendanceText(m.minutes_excused(), attendance.excused),
			attendanceText(m.meeting_role_observer(), attendance.observers),
			attendanceText(m.minutes_recorder(), attendance.recorder ? [attendance.recorder] : [])
		].filter((l): l is string => !!l),
		printedBy: issued ? m.minutes_doc_printed_by({ office: office.officeName }) : '',
		printedOn: issued ? m.print_imprint({ date: formatDate(minutes?.issuedAt, tz) }) : ''
	};
}
