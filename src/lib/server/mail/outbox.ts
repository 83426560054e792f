import * as m from '$lib/paraglide/messages';
import { stampIcs, type InviteMethod } from '$lib/domain/invite';
import type { Actor } from '../actor';
import { audit } from '../audit';
import { canManageOutbox, requirePermission } from '../permissions';
import type { DB } from '../db';
import type { OutboxStatus } from '../db/schema';
import { NotFoundError, ValidationError } from '../errors';
import { getSettings } from '../settings/settings.service';
import {
	claimOutboxRow,
	findDueOutboxIds,
	findOutboxRow,
	insertOutboxRow,
	insertOutboxRows,
	listOutboxRows,
	markOutboxFailure,
	markOutboxSent,
	requeueFailedRow,
	type OutboxRecord
} from './outbox.repository';
import { sendOne, smtpUrl, type MailSender, type MailTransport } from './transport';
import * as clock from '../clock';
import { inTransaction } from '../db/transaction';

export const OUTBOX_STATUSES: readonly OutboxStatus[] = ['pending', 'sent', 'failed'];
export const MAIL_BATCH = 50;
const LEASE_MINUTES = 10;
// After the 1st, 2nd, 3rd, 4th and 5th failure; the 6th gives up.
const BACKOFF_MINUTES = [1, 5, 15, 60, 60];
export const MAX_ATTEMPTS = 6;

export interface OutboxMail {
	to: { address: string; name: string };
	subject: string;
	text: string;
	html: string;
	ics?: { method: InviteMethod; content: string };
	meetingId?: number | null;
}

const ADDRESS = /^[^\s@]+@[^\s@]+$/;

/**
 * Queues one e-mail in the caller's transaction, so it goes out only if the change commits.
 * A recipient without a usable address gets nothing (null); the in-app notice still reaches them.
 */
export async function enqueueMail(trx: DB, mail: OutboxMail): Promise<number | null> {
	const address = mail.to.address.trim();
	if (!ADDRESS.test(address)) return null;
	const now = clock.nowIso();
	return insertOutboxRow(trx, {
		toAddress: address.slice(0, 255),
		toName: mail.to.name.slice(0, 64),
		subject: mail.subject.slice(0, 255),
		text: mail.text,
		html: mail.html,
		ics: mail.ics?.content ?? null,
		icsMethod: mail.ics?.method ?? null,
		meetingId: mail.meetingId ?? null,
		status: 'pending',
		nextAttemptAt: now,
		createdAt: now
	});
}

/**
 * enqueueMail for many mails at once (one statement, not one per mail): the same rules — in
 * the caller's transaction, a recipient without a usable address skipped. Returns how many
 * were queued.
 */
export async function enqueueMails(trx: DB, mails: OutboxMail[]): Promise<number> {
	const now = clock.nowIso();
	const rows = mails.flatMap((mail) => {
		const address = mail.to.address.trim();
		if (!ADDRESS.test(address)) return [];
		return [
			{
				toAddress: address.slice(0, 255),
				toName: mail.to.name.slice(0, 64),
				subject: mail.subject.slice(0, 255),
				text: mail.text,
				html: mail.html,
				ics: mail.ics?.content ?? null,
				icsMethod: mail.ics?.method ?? null,
				meetingId: mail.meetingId ?? null,
				status: 'pending' as const,
				nextAttemptAt: now,
				createdAt: now
			}
		];
	});
	await insertOutboxRows(trx, rows);
	return rows.length;
}

/** The From of notices, also the ORGANIZER of invites: settings, else the office name. */
export async function getMailSender(db: DB): Promise<MailSender> {
	const s = await getSettings(db);
	return { address: s.mailFromAddress, name: s.mailFromName || s.officeName };
}

function urlSecrets(url: string | undefined): string[] {
	try {
		const p = new URL(url ?? '').password;
		return p ? [p, decodeURIComponent(p)] : [];
	} catch {
		return [];
	}
}

/** An error for the outbox row and the admin's screen: short, and never a password. */
export function cleanMailError(e: unknown, url = smtpUrl()): string {
	let text = e instanceof Error ? e.message : String(e);
	for (const secret of urlSecrets(url)) text = text.split(secret).join('***');
	text = text.replace(/\/\/[^/\s@]+@/g, '//***@').replace(/\s+/g, ' ');
	return text.slice(0, 300);
}

// These say the server, not this message, is the problem: the rest of the batch would fail
// the same way, so it waits for the next tick instead of each row paying a timeout now.
const SERVER_DOWN = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'EAUTH']);

const plusMinutes = (d: Date, n: number) => new Date(d.getTime() + n * 60_000).toISOString();

/**
 * Sends the due pending mail, oldest first, 50 per call. Each row is claimed with a lease first,
 * so two processes never send the same row; a row whose sender died mid-way is retried once
 * the lease runs out. Without a transport nothing happens: mail waits in the outbox.
 */
export async function deliverDueMail(
	db: DB,
	transport: MailTransport | null,
	now: Date = clock.now()
): Promise<{ sent: number; failed: number; due: number }> {
	const result = { sent: 0, failed: 0, due: 0 };
	if (!transport) return result;
	const at = now.toISOString();
	const ids = await findDueOutboxIds(db, at, MAIL_BATCH);
	result.due = ids.length;
	if (!ids.length) return result;
	const from = await getMailSender(db);
	for (const id of ids) {
		if (!(await claimOutboxRow(db, id, at, plusMinutes(now, LEASE_MINUTES)))) continue;
		const row = await findOutboxRow(db, id);
		if (!row) continue;
		const attempts = row.attempts + 1;
		try {
			// DTSTAMP is when the invite goes out, this attempt, not when it was queued.
			await sendOne(transport, { ...row, ics: row.ics && stampIcs(row.ics, now) }, from);
			await markOutboxSent(db, id, attempts, at);
			result.sent++;
		} catch (e) {
			const gaveUp = attempts >= MAX_ATTEMPTS;
			await markOutboxFailure(db, id, {
				attempts,
				status: gaveUp ? 'failed' : 'pending',
				lastError: cleanMailError(e),
				nextAttemptAt: gaveUp ? at : plusMinutes(now, BACKOFF_MINUTES[attempts - 1])
			});
			result.failed++;
			if (SERVER_DOWN.has((e as { code?: string }).code ?? '')) break;
		}
	}
	return result;
}

/** A mail as the outbox page lists it: not the HTML nor the invite itself. */
export type OutboxItem = Omit<OutboxRecord, 'html' | 'ics'>;

/** What the outbox page shows of a mail: not the HTML nor the invite itself. */
function toOutboxItem({ html: _html, ics: _ics, ...item }: OutboxRecord): OutboxItem {
	return item;
}

/** The outbox, newest first: the office can see what went out and read what is waiting. */
export async function listOutbox(
	db: DB,
	actor: Actor,
	q: { status?: string; page: number; pageSize: number }
): Promise<{ items: OutboxItem[]; total: number }> {
	requirePermission(actor, canManageOutbox);
	const status = OUTBOX_STATUSES.find((s) => s === q.status);
	const page = Math.max(1, Math.floor(q.page) || 1);
	const pageSize = Math.min(100, Math.max(1, Math.floor(q.pageSize) || 20));
	const { rows, total } = await listOutboxRows(db, { status, page, pageSize });
	return { items: rows.map(toOutboxItem), total };
}

/** Puts a failed mail back in the queue for a new round of attempts. */
export async function retryMail(db: DB, actor: Actor, id: number): Promise<void> {
	requirePermission(actor, canManageOutbox);
	await inTransaction(db, async (trx) => {
		const row = await findOutboxRow(trx, id);
		if (!row) throw new NotFoundError();
		if (!(await requeueFailedRow(trx, id, clock.nowIso()))) {
			throw new ValidationError({ _: m.outbox_retry_not_failed() });
		}
		await audit(trx, actor, 'mail.retry', 'outbox', id, {
			to: row.toAddress,
			status: ['failed', 'pending'],
			attempts: [row.attempts, 0]
		});
	});
}
