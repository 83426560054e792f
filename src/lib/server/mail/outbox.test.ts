import { simpleParser } from 'mailparser';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import type { Role } from '$lib/domain/roles';
import { setClock } from '../clock';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { forgetCachedSettings, writeSettings } from '../settings/settings.service';
import { auditRows } from '../testing/audit-rows';
import { describeEachDialect } from '../testing/each-dialect';
import { auditCount, newUser } from '../testing/fixtures';
import { deliverDueMail, enqueueMail, listOutbox, retryMail } from './outbox';
import { createMailTransport, type MailTransport } from './transport';
import {
	smtpPeer,
	closedPort,
	mimeTree,
	shape,
	find,
	TITLE,
	queue,
	row,
	unfold,
	prop,
	minutes
} from './outbox.test-helpers';
import { inTransaction } from '../db/transaction';

const peer = smtpPeer();
beforeAll(() => peer.start());
afterAll(() => peer.stop());
beforeEach(() => {
	peer.received.length = 0;
	forgetCachedSettings();
});
afterEach(() => vi.unstubAllEnvs());

async function received() {
	return Promise.all(
		peer.received.map(async (raw) => {
			const mail = await simpleParser(raw);
			const cal = mail.attachments.find((a) => a.contentType === 'text/calendar');
			return { raw, mail, ics: cal?.content.toString('utf8') ?? '' };
		})
	);
}

describeEachDialect('mail outbox', ({ db }) => {
	it('sends an invite as multipart/alternative with text, HTML and a matching calendar', async () => {
		await writeSettings(db(), {
			officeName: '某某市交通运输局',
			mailFromAddress: 'bgs@jtj.example.gov.cn'
		});
		const id = await queue(db());
		expect(await deliverDueMail(db(), createMailTransport(peer.url()))).toMatchObject({ sent: 1 });

		const [got] = await received();
		const tree = mimeTree(got.raw);
		// nodemailer also attaches the same calendar as invite.ics, as Gmail does.
		expect(shape(tree)).toBe(
			'multipart/mixed(multipart/alternative(text/plain,text/html,text/calendar),application/ics)'
		);
		const calendarPart = find(tree, 'text/calendar')!;
		expect(calendarPart.params.charset.toLowerCase()).toBe('utf-8');
		expect(calendarPart.params.method).toBe('REQUEST');
		expect(prop(got.ics, 'METHOD')).toBe(calendarPart.params.method);
		expect(got.mail.subject).toBe(`会议通知：${TITLE}`);
		expect(got.mail.text).toContain(TITLE);
		expect(got.mail.html).toContain(`<p>${TITLE}</p>`);
		expect(got.mail.from?.value).toEqual([
			{ address: 'bgs@jtj.example.gov.cn', name: '某某市交通运输局' }
		]);
		expect(got.mail.to).toMatchObject({
			value: [{ address: 'ouyang@jtj.example.gov.cn', name: '欧阳少东' }]
		});
		expect(await row(db(), id)).toMatchObject({ status: 'sent', attempts: 1, last_error: '' });
		expect((await row(db(), id)).sent_at).toMatch(/Z$/);
	});

	it('keeps the UID and raises SEQUENCE across a request, an update and a cancel', async () => {
		await queue(db(), { method: 'REQUEST', sequence: 0 });
		await queue(db(), { method: 'REQUEST', sequence: 1 });
		await queue(db(), { method: 'CANCEL', sequence: 2 });
		await deliverDueMail(db(), createMailTransport(peer.url()));

		const mails = await received();
		const seen = mails
			.map((m) => ({
				header: find(mimeTree(m.raw), 'text/calendar')?.params.method,
				method: prop(m.ics, 'METHOD'),
				uid: prop(m.ics, 'UID'),
				sequence: Number(prop(m.ics, 'SEQUENCE')),
				status: prop(m.ics, 'STATUS')
			}))
			.sort((a, b) => a.sequence - b.sequence);
		expect(seen).toEqual([
			{
				header: 'REQUEST',
				method: 'REQUEST',
				uid: 'mtg-42@huiban',
				sequence: 0,
				status: 'CONFIRMED'
			},
			{
				header: 'REQUEST',
				method: 'REQUEST',
				uid: 'mtg-42@huiban',
				sequence: 1,
				status: 'CONFIRMED'
			},
			{ header: 'CANCEL', method: 'CANCEL', uid: 'mtg-42@huiban', sequence: 2, status: 'CANCELLED' }
		]);
		for (const m of mails) {
			expect(m.ics).toContain(TITLE.slice(0, 8));
			for (const line of m.ics.split('\r\n'))
				expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
			expect(unfold(m.ics)).toContain(`SUMMARY:${TITLE}`);
		}
	});

	it('retries a failing server with backoff, then marks the mail failed', async () => {
		// The queue stamps the mail with the clock: set it, so the test holds on any date.
		let now = '2026-11-30T08:00:00.000Z';
		setClock(now);
		const id = await queue(db());
		const down = createMailTransport(`smtp://127.0.0.1:${await closedPort()}`);
		await deliverDueMail(db(), down, new Date(now));
		let r = await row(db(), id);
		expect(r).toMatchObject({ status: 'pending', attempts: 1, next_attempt_at: minutes(now, 1) });
		expect(r.last_error).toMatch(/ECONNREFUSED|connect/i);
		// Not due yet: nothing is tried.
		await deliverDueMail(db(), down, new Date(minutes(now, 0.5)));
		expect((await row(db(), id)).attempts).toBe(1);

		for (const [attempts, wait] of [
			[2, 5],
			[3, 15],
			[4, 60],
			[5, 60]
		]) {
			now = r.next_attempt_at;
			await deliverDueMail(db(), down, new Date(now));
			r = await row(db(), id);
			expect(r).toMatchObject({ status: 'pending', attempts, next_attempt_at: minutes(now, wait) });
		}
		await deliverDueMail(db(), down, new Date(r.next_attempt_at));
		expect(await row(db(), id)).toMatchObject({ status: 'failed', attempts: 6 });
		await deliverDueMail(db(), createMailTransport(peer.url()), new Date(minutes(now, 999)));
		expect(peer.received).toHaveLength(0);
	});

	it('keeps the SMTP password out of the stored error and shortens it', async () => {
		vi.stubEnv('SMTP_URL', 'smtp://huiban:S3cret%2Fpw@mail.example.gov.cn:587');
		const id = await queue(db());
		const failing: MailTransport = {
			sendMail: async () => {
				throw new Error(
					`535 login failed for huiban:S3cret/pw via smtp://huiban:S3cret%2Fpw@mail ${'x'.repeat(600)}`
				);
			}
		};
		await deliverDueMail(db(), failing);
		const r = await row(db(), id);
		expect(r.last_error).toMatch(/^535 login failed/);
		expect(r.last_error).not.toMatch(/S3cret/);
		expect(r.last_error.length).toBeLessThanOrEqual(300);
	});

	it('never sends a row twice, even to two senders started at once', async () => {
		for (let i = 0; i < 12; i++) await queue(db(), { to: `p${i}@jtj.example.gov.cn` });
		const smtp = createMailTransport(peer.url());
		const results = await Promise.all([
			deliverDueMail(db(), smtp),
			deliverDueMail(db(), smtp),
			deliverDueMail(db(), smtp)
		]);
		expect(results.reduce((n, r) => n + r.sent, 0)).toBe(12);
		await deliverDueMail(db(), smtp);
		expect(peer.received).toHaveLength(12);
		const tos = (await received()).map((m) => m.mail.to && 'text' in m.mail.to && m.mail.to.text);
		expect(new Set(tos).size).toBe(12);
		const rows = await db().selectFrom('outbox').select(['status', 'attempts']).execute();
		expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
	});

	it('keeps mail pending and readable when SMTP_URL is not set', async () => {
		vi.stubEnv('SMTP_URL', '');
		const id = await queue(db());
		const transport = createMailTransport();
		expect(transport).toBeNull();
		await deliverDueMail(db(), transport);
		expect(await row(db(), id)).toMatchObject({ status: 'pending', attempts: 0 });
		const { actor } = await newUser(db(), { roles: ['admin'] });
		const { items } = await listOutbox(db(), actor, { page: 1, pageSize: 20 });
		expect(items).toMatchObject([{ id, status: 'pending', text: expect.stringContaining(TITLE) }]);
	});

	it('queues only with the caller’s transaction and skips a missing address', async () => {
		await inTransaction(db(), async (trx) => {
			await queue(trx);
			throw new Error('the change failed');
		}).catch(() => undefined);
		expect(
			await enqueueMail(db(), {
				to: { address: ' ', name: '无邮箱' },
				subject: 's',
				text: 't',
				html: 'h'
			})
		).toBeNull();
		expect(await db().selectFrom('outbox').selectAll().execute()).toEqual([]);
	});

	it('lists by status, newest first, for the admin and the office', async () => {
		const a = await queue(db(), { to: 'a@jtj.example.gov.cn' });
		const b = await queue(db(), { to: 'b@jtj.example.gov.cn' });
		await db()
			.updateTable('outbox')
			.set({ status: 'failed', attempts: 6 })
			.where('id', '=', a)
			.execute();
		for (const role of ['admin', 'office'] as Role[]) {
			const { actor } = await newUser(db(), { roles: [role] });
			const all = await listOutbox(db(), actor, { page: 1, pageSize: 20 });
			expect(all).toMatchObject({ total: 2, items: [{ id: b }, { id: a }] });
			const failed = await listOutbox(db(), actor, { status: 'failed', page: 1, pageSize: 20 });
			expect(failed).toMatchObject({
				total: 1,
				items: [{ id: a, attempts: 6, icsMethod: 'REQUEST' }]
			});
			const second = await listOutbox(db(), actor, { page: 2, pageSize: 1 });
			expect(second).toMatchObject({ total: 2, items: [{ id: a }] });
		}
	});

	it('lets the office resend a failed mail, audited, and refuses one that has not failed', async () => {
		const id = await queue(db());
		await db()
			.updateTable('outbox')
			.set({ status: 'failed', attempts: 6 })
			.where('id', '=', id)
			.execute();
		const { actor } = await newUser(db(), { roles: ['office'], name: '办公室' });
		await retryMail(db(), actor, id);
		expect(await row(db(), id)).toMatchObject({ status: 'pending', attempts: 0 });
		expect(await auditRows(db())).toMatchObject([
			{
				actorId: actor.id,
				action: 'mail.retry',
				entity: 'outbox',
				entityId: String(id),
				changes: { status: ['failed', 'pending'], attempts: [6, 0] }
			}
		]);
		await expect(retryMail(db(), actor, id)).rejects.toBeInstanceOf(ValidationError);
		await expect(retryMail(db(), actor, id + 100)).rejects.toBeInstanceOf(NotFoundError);
		expect(await auditCount(db())).toBe(1);
		await deliverDueMail(db(), createMailTransport(peer.url()));
		expect(peer.received).toHaveLength(1);
	});

	it('refuses staff and other roles the outbox, writing nothing', async () => {
		const id = await queue(db());
		await db().updateTable('outbox').set({ status: 'failed' }).where('id', '=', id).execute();
		const before = await row(db(), id);
		for (const role of ['staff', 'leader', 'dept_head', 'supervisor', 'auditor'] as Role[]) {
			const { actor } = await newUser(db(), { roles: [role] });
			await expect(listOutbox(db(), actor, { page: 1, pageSize: 20 })).rejects.toBeInstanceOf(
				ForbiddenError
			);
			await expect(retryMail(db(), actor, id)).rejects.toBeInstanceOf(ForbiddenError);
		}
		expect(await row(db(), id)).toEqual(before);
		expect(await auditCount(db())).toBe(0);
	});
});
