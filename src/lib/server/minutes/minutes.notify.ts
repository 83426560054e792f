import * as m from '$lib/paraglide/messages';
import { CLASSIFIED_LABEL, formatTimeRange } from '$lib/domain/invite';
import { isClassified } from '$lib/domain/meetings';
import { formatDate } from '$lib/format';
import type { DB } from '../db';
import { enqueueMail } from '../mail/outbox';
import type { Meeting } from '../meetings/meetings.repository';
import { loadAudience } from '../meetings/meetings.notify';
import { notify, type Words } from '../notifications/notify';
import { getSettings } from '../settings/settings.service';
import type { Decision, Minutes } from './minutes.repository';

function publicLink(path: string): string {
	return (process.env.ORIGIN ?? '').replace(/\/$/, '') + path;
}

/** Where a notice about a meeting's minutes leads (the meeting page shows them). */
export const minutesPath = (meetingId: number) => `/meetings/${meetingId}`;

/** The name a notice shows: a classified meeting's title stays in the app. */
const shownTitle = (meeting: Pick<Meeting, 'title' | 'classification'>) =>
	isClassified(meeting.classification) ? CLASSIFIED_LABEL : meeting.title;

function escapeHtml(s: string): string {
	const map: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
	return s.replace(/[&<>"']/g, (c) => map[c] ?? '&#39;');
}

export interface MinutesMail {
	subject: string;
	text: string;
	html: string;
}

/**
 * The e-mail of issued minutes. A classified meeting's mail says only that minutes are
 * available in the app: no title, body or decisions leave it.
 */
export function minutesMailContent(input: {
	title: string;
	number: string;
	when: string;
	timeZone: string;
	classified: boolean;
	body: string;
	decisions: Pick<Decision, 'seq' | 'text' | 'leadDepartmentName' | 'deadline'>[];
	link: string;
}): MinutesMail {
	if (input.classified) {
		const subject = `会议纪要已印发：${CLASSIFIED_LABEL}（${input.when}）`;
		const lines = [
			`【会议纪要】${CLASSIFIED_LABEL}`,
			'',
			`您参加的${CLASSIFIED_LABEL}（${input.when}）的纪要已印发。`,
			'纪要内容请登录系统查看：',
			input.link
		];
		return { subject, text: lines.join('\n'), html: toHtml(subject, lines) };
	}
	const subject = `会议纪要：${input.title}（${input.number}）`;
	const decisions = input.decisions.map((d) => {
		const extra = [
			d.leadDepartmentName ? `牵头：${d.leadDepartmentName}` : '',
			d.deadline ? `时限：${formatDate(d.deadline, input.timeZone, 'zh-CN')}` : ''
		].filter(Boolean);
		return `${d.seq}. ${d.text}${extra.length ? `（${extra.join('；')}）` : ''}`;
	});
	const lines = [
		`【会议纪要】${input.title}`,
		input.number,
		`会议时间：${input.when}`,
		'',
		...(input.body.trim() ? [input.body.trim(), ''] : []),
		...(decisions.length ? ['议定事项：', ...decisions, ''] : []),
		'详情请登录系统查看：',
		input.link
	];
	return { subject, text: lines.join('\n'), html: toHtml(subject, lines) };
}

function toHtml(subject: string, lines: string[]): string {
	const body = lines
		.map((l) => (l ? `<p>${escapeHtml(l).replace(/\n/g, '<br>')}</p>` : ''))
		.join('');
	return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>${body}</body></html>`;
}

/** The host is asked to approve; the drafter hears of a return or an approval (in the app). */
export async function notifyMinutesStep(
	trx: DB,
	meeting: Pick<Meeting, 'id' | 'title' | 'classification'>,
	userIds: (number | null)[],
	step: 'submitted' | 'returned' | 'approved',
	body = ''
): Promise<void> {
	const title = shownTitle(meeting);
	const words: Words = (o) =>
		({
			submitted: m.minutes_notify_submitted,
			returned: m.minutes_notify_returned,
			approved: m.minutes_notify_approved
		})[step]({ title }, o);
	await notify(
		trx,
		userIds.filter((id): id is number => id != null),
		{ kind: `minutes.${step}`, title: words, body, link: minutesPath(meeting.id) }
	);
}

/** Issued minutes: every participant (host, recorder, deputies) in the app and by e-mail. */
export async function notifyMinutesIssued(
	trx: DB,
	meeting: Meeting,
	minutes: Pick<Minutes, 'body'>,
	decisions: Decision[],
	number: string
): Promise<void> {
	const audience = await loadAudience(trx, meeting);
	if (!audience.length) return;
	const settings = await getSettings(trx);
	const classified = isClassified(meeting.classification);
	const title = shownTitle(meeting);
	await notify(
		trx,
		audience.map((r) => r.userId),
		{
			kind: 'minutes.issued',
			title: (o) => m.minutes_notify_issued({ title, number }, o),
			link: minutesPath(meeting.id)
		}
	);
	const content = minutesMailContent({
		title: meeting.title,
		number,
		when: formatTimeRange(meeting.startsAt, meeting.endsAt, settings.timeZone),
		timeZone: settings.timeZone,
		classified,
		body: minutes.body,
		decisions,
		link: publicLink(minutesPath(meeting.id))
	});
	for (const r of audience) {
		if (!r.email) continue;
		await enqueueMail(trx, {
			to: { address: r.email, name: r.name },
			...content,
			meetingId: meeting.id
		});
	}
}
