import { createHmac } from 'node:crypto';
import * as m from '$lib/paraglide/messages';
import { isClassified, type Classification } from '$lib/domain/meetings';
import { formatDateTime, formatDateWeekday as formatDate } from '$lib/format';
import type { WebhookFormat } from '../db/schema-webhooks';

// What a webhook says, and how it is signed — pure functions, time and secrets as inputs.
//
// - wecom (政务微信 / 企业微信 group robot): {"msgtype":"markdown","markdown":{"content":…}}
// - dingtalk (政务钉钉 / 钉钉 group robot): {"msgtype":"markdown","markdown":{"title":…,"text":…}};
//   with a secret (加签) the URL carries `timestamp` and `sign` =
//   base64(HMAC-SHA256(secret, timestamp + "\n" + secret)).
// - json: {event, occurredAt, data}; with a secret the header
//   `X-Huiban-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>`.
//
// A 秘密/机密 meeting or 督办 item never leaves the app: its data carry only the link and (for an
// item) its number, and the text says that there is something to read in the app.

export const WEBHOOK_FORMATS = ['wecom', 'dingtalk', 'json'] as const satisfies WebhookFormat[];

export const WEBHOOK_EVENTS = [
	'meeting.notice_issued',
	'meeting.cancelled',
	'supervision.overdue',
	'duty.roster_published'
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
/** The events a delivery can carry: the subscribed ones and the administrator's test. */
export type DeliveredEvent = WebhookEvent | 'test';

/** What the app knows of a meeting when it tells the messaging about it. */
export interface WebhookMeeting {
	id: number;
	title: string;
	startsAt: string;
	classification: Classification;
}

/** What the app knows of a 督办 item when it tells the messaging about it. */
export interface WebhookItem {
	id: number;
	number: string;
	title: string;
	deadline: string;
	classification: Classification;
}

/** What the app knows of a published duty roster. */
export interface WebhookPeriod {
	id: number;
	name: string;
	startDate: string;
	endDate: string;
}

/** The event's data as it leaves the app (the json format's `data`): nothing classified. */
export type WebhookData = Record<string, string | number | boolean>;

export function meetingData(meeting: WebhookMeeting, reason?: string): WebhookData {
	const path = `/meetings/${meeting.id}`;
	if (isClassified(meeting.classification))
		return { meetingId: meeting.id, classified: true, path };
	return {
		meetingId: meeting.id,
		title: meeting.title,
		startsAt: meeting.startsAt,
		...(reason !== undefined ? { reason } : {}),
		path
	};
}

export function itemData(item: WebhookItem): WebhookData {
	const path = `/supervision/${item.id}`;
	if (isClassified(item.classification))
		return { itemId: item.id, number: item.number, classified: true, path };
	return { itemId: item.id, number: item.number, title: item.title, deadline: item.deadline, path };
}

export function periodData(period: WebhookPeriod): WebhookData {
	return {
		periodId: period.id,
		name: period.name,
		startDate: period.startDate,
		endDate: period.endDate,
		path: `/duty/${period.id}`
	};
}

export function testData(): WebhookData {
	return { path: '/' };
}

/** Where a message was rendered: the app's address, the office's time zone and language. */
export interface RenderContext {
	origin: string;
	timeZone: string;
	locale: string;
	/** When the event happened (ISO). */
	occurredAt: string;
}

/** A message as a person reads it: a headline and lines of Markdown (the link last). */
export interface WebhookText {
	title: string;
	lines: string[];
	url: string;
}

const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));

/** Markdown's own characters in a user's text would change the message: they are escaped. */
function plain(s: string): string {
	return s.replace(/[\\`*_[\]<>#]/g, (c) => `\\${c}`).replace(/\s+/g, ' ');
}

export function linkFor(origin: string, path: string): string {
	return origin.replace(/\/$/, '') + path;
}

/** The message's words (the office's language) for an event's data. */
export function webhookText(
	event: DeliveredEvent,
	data: WebhookData,
	ctx: RenderContext
): WebhookText {
	const o = { locale: ctx.locale as 'zh-CN' };
	const url = linkFor(ctx.origin, str(data.path) || '/');
	const classified = data.classified === true;
	switch (event) {
		case 'meeting.notice_issued':
		case 'meeting.cancelled': {
			const notice = event === 'meeting.notice_issued';
			if (classified)
				return {
					title: notice
						? m.webhook_msg_notice_classified({}, o)
						: m.webhook_msg_cancel_classified({}, o),
					lines: [],
					url
				};
			const title = plain(str(data.title));
			const lines = [
				m.webhook_msg_time(
					{ time: formatDateTime(str(data.startsAt), ctx.timeZone, ctx.locale) },
					o
				)
			];
			if (!notice && str(data.reason))
				lines.push(m.webhook_msg_reason({ reason: plain(str(data.reason)) }, o));
			return {
				title: notice
					? m.webhook_msg_notice_title({ title }, o)
					: m.webhook_msg_cancel_title({ title }, o),
				lines,
				url
			};
		}
		case 'supervision.overdue':
			if (classified)
				return {
					title: m.webhook_msg_overdue_classified({ number: plain(str(data.number)) }, o),
					lines: [],
					url
				};
			return {
				title: m.webhook_msg_overdue_title({ title: plain(str(data.title)) }, o),
				lines: [
					m.webhook_msg_number({ number: plain(str(data.number)) }, o),
					m.webhook_msg_deadline(
						{ date: formatDate(str(data.deadline), ctx.timeZone, ctx.locale) },
						o
					)
				],
				url
			};
		case 'duty.roster_published':
			return {
				title: m.webhook_msg_roster_title({ name: plain(str(data.name)) }, o),
				lines: [
					m.webhook_msg_period(
						{
							from: formatDate(str(data.startDate), ctx.timeZone, ctx.locale),
							to: formatDate(str(data.endDate), ctx.timeZone, ctx.locale)
						},
						o
					)
				],
				url
			};
		case 'test':
			return {
				title: m.webhook_msg_test_title({}, o),
				lines: [m.webhook_msg_test_body({}, o)],
				url
			};
	}
}

/** The request body (JSON text) for an endpoint of `format`. */
export function renderWebhookBody(
	format: WebhookFormat,
	event: DeliveredEvent,
	data: WebhookData,
	ctx: RenderContext
): string {
	if (format === 'json') {
		const { path, ...rest } = data;
		const out = { ...rest, url: linkFor(ctx.origin, str(path) || '/') };
		return JSON.stringify({ event, occurredAt: ctx.occurredAt, data: out });
	}
	const t = webhookText(event, data, ctx);
	const link = `[${m.webhook_msg_open({}, { locale: ctx.locale as 'zh-CN' })}](${t.url})`;
	if (format === 'wecom') {
		const content = [`**${t.title}**`, ...t.lines.map((l) => `> ${l}`), link].join('\n');
		return JSON.stringify({ msgtype: 'markdown', markdown: { content } });
	}
	const text = [`#### ${t.title}`, ...t.lines.map((l) => `- ${l}`), '', link].join('\n');
	return JSON.stringify({ msgtype: 'markdown', markdown: { title: t.title, text } });
}

/** DingTalk's 加签: the URL with `timestamp` (ms) and `sign` added. */
export function dingtalkSignedUrl(url: string, secret: string, timestampMs: number): string {
	const sign = createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
	const u = new URL(url);
	u.searchParams.set('timestamp', String(timestampMs));
	u.searchParams.set('sign', sign);
	return u.toString();
}

/** The json format's signature header value: `t=<unix seconds>,v1=<hex HMAC of "t.body">`. */
export function jsonSignature(body: string, secret: string, unixSeconds: number): string {
	const v1 = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
	return `t=${unixSeconds},v1=${v1}`;
}

export const SIGNATURE_HEADER = 'X-Huiban-Signature';

/** The URL and headers of one attempt at `now`, signed where the endpoint has a secret. */
export function webhookRequest(
	hook: { url: string; format: WebhookFormat; secret: string },
	body: string,
	now: Date
): { url: string; headers: Record<string, string> } {
	const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
	if (hook.format === 'dingtalk' && hook.secret)
		return { url: dingtalkSignedUrl(hook.url, hook.secret, now.getTime()), headers };
	if (hook.format === 'json' && hook.secret)
		headers[SIGNATURE_HEADER] = jsonSignature(body, hook.secret, Math.floor(now.getTime() / 1000));
	return { url: hook.url, headers };
}

/**
 * Whether the receiver took the message: a 2xx, and for the robots also `errcode` 0 in the
 * answer (they answer 200 with an error code when the key, the sign or the message is wrong).
 */
export function acceptedAnswer(
	format: WebhookFormat,
	status: number,
	text: string
): { ok: true } | { ok: false; error: string } {
	if (status < 200 || status > 299)
		return { ok: false, error: `HTTP ${status} ${text.slice(0, 120)}` };
	if (format === 'json') return { ok: true };
	let code: unknown;
	let msg: unknown;
	try {
		({ errcode: code, errmsg: msg } = JSON.parse(text) as { errcode?: unknown; errmsg?: unknown });
	} catch {
		return { ok: false, error: `HTTP ${status}: ${text.slice(0, 120)}` };
	}
	if (code === 0) return { ok: true };
	return { ok: false, error: `errcode ${str(code)} ${str(msg)}`.slice(0, 200) };
}

/** Whether `url` is one a webhook may post to: http or https, with a host. */
export function isWebhookUrl(url: string): boolean {
	try {
		const u = new URL(url);
		return (
			(u.protocol === 'http:' || u.protocol === 'https:') &&
			!!u.hostname &&
			!u.username &&
			!u.password
		);
	} catch {
		return false;
	}
}

/**
 * The URL as the admin's screen shows it: the values of its query parameters (a robot's `key`
 * or `access_token`) cut to their first 4 characters.
 */
export function maskUrl(url: string): string {
	try {
		const u = new URL(url);
		const parts = [...u.searchParams].map(
			([k, v]) =>
				`${encodeURIComponent(k)}=${v.length > 4 ? `${encodeURIComponent(v.slice(0, 4))}***` : '***'}`
		);
		return `${u.origin}${u.pathname}${parts.length ? `?${parts.join('&')}` : ''}`;
	} catch {
		return '***';
	}
}

/** An error for the delivery row: short, and never the secret or the URL's key in full. */
export function cleanWebhookError(text: string, hook: { url: string; secret: string }): string {
	let out = text;
	const secrets: string[] = [];
	try {
		const u = new URL(hook.url);
		out = out.split(hook.url).join(maskUrl(hook.url));
		for (const [, v] of u.searchParams) if (v) secrets.push(v, encodeURIComponent(v));
	} catch {
		/* not a URL: nothing of it to hide */
	}
	if (hook.secret) secrets.push(hook.secret, encodeURIComponent(hook.secret));
	for (const s of secrets.sort((a, b) => b.length - a.length))
		if (s.length >= 4) out = out.split(s).join('***');
	return out.replace(/\s+/g, ' ').trim().slice(0, 300);
}
