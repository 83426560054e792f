import net, { type AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import { buildInvite, type InviteMethod } from '$lib/domain/invite';
import type { Role } from '$lib/domain/roles';
import type { DB } from '../db';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { forgetCachedSettings, writeSettings } from '../settings/settings.service';
import { auditRows } from '../testing/audit-rows';
import { describeEachDialect } from '../testing/each-dialect';
import { auditCount, newUser } from '../testing/fixtures';
import { deliverDueMail, enqueueMail, listOutbox, retryMail } from './outbox';
import { createMailTransport, type MailTransport } from './transport';

/** A real SMTP peer in this process; it keeps every raw message it accepts. */
function smtpPeer() {
	const received: string[] = [];
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onData(stream, _session, done) {
			const chunks: Buffer[] = [];
			stream.on('data', (c: Buffer) => chunks.push(c));
			stream.on('end', () => {
				received.push(Buffer.concat(chunks).toString('utf8'));
				done();
			});
		}
	});
	return {
		received,
		start: () => new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok())),
		url: () => `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
		stop: () => new Promise<void>((ok) => server.close(() => ok()))
	};
}

/** A port where nothing listens: every connection is refused. */
async function closedPort(): Promise<number> {
	const s = net.createServer();
	await new Promise<void>((ok) => s.listen(0, '127.0.0.1', () => ok()));
	const { port } = s.address() as AddressInfo;
	await new Promise((ok) => s.close(ok));
	return port;
}

interface MimeNode {
	type: string;
	params: Record<string, string>;
	children: MimeNode[];
}

/** The MIME structure of a raw message, to check what nodemailer nests inside what. */
function mimeTree(raw: string): MimeNode {
	const split = raw.indexOf('\r\n\r\n');
	const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
	const ct = /^content-type:\s*([^;\r\n]+)([^\r\n]*)/im.exec(head);
	const params: Record<string, string> = {};
	for (const [, k, v] of (ct?.[2] ?? '').matchAll(/;\s*([\w-]+)="?([^";]*)"?/g)) {
		params[k.toLowerCase()] = v;
	}
	const type = (ct?.[1] ?? 'text/plain').trim().toLowerCase();
	if (!type.startsWith('multipart/')) return { type, params, children: [] };
	const parts = raw
		.slice(split + 4)
		.split(`--${params.boundary}`)
		.slice(1, -1);
	return { type, params, children: parts.map((p) => mimeTree(p.replace(/^\r\n/, ''))) };
}
const shape = (n: MimeNode): string =>
	n.children.length ? `${n.type}(${n.children.map(shape).join(',')})` : n.type;
const find = (n: MimeNode, type: string): MimeNode | undefined =>
	n.type === type ? n : n.children.map((c) => find(c, type)).find(Boolean);

const TITLE = '关于召开全市交通运输系统安全生产暨岁末年初重点工作部署会议的通知（第二次）';

function invite(method: InviteMethod, sequence: number) {
	return buildInvite({
		uid: 'mtg-42@huiban',
		sequence,
		method,
		start: '2026-12-01T01:30:00.000Z',
		end: '2026-12-01T03:00:00.000Z',
		summary: TITLE,
		location: '机关大楼三楼第一会议室',
		description: '听取各科室汇报；研究部署下一步工作',
		organizer: { name: '某某市交通运输局', email: 'bgs@jtj.example.gov.cn' },
		attendees: [{ name: '欧阳少东', email: 'ouyang@jtj.example.gov.cn', role: 'REQ-PARTICIPANT' }]
	});
}

async function queue(db: DB, o: { method?: InviteMethod; sequence?: number; to?: string } = {}) {
	const method = o.method ?? 'REQUEST';
	const id = await enqueueMail(db, {
		to: { address: o.to ?? 'ouyang@jtj.example.gov.cn', name: '欧阳少东' },
		subject: `会议通知：${TITLE}`,
		text: `会议时间：2026年12月1日 09:30\n${TITLE}`,
		html: `<p>${TITLE}</p>`,
		ics: { method, content: invite(method, o.sequence ?? 0) }
	});
	return id!;
}

const row = (db: DB, id: number) =>
	db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '');
const prop = (ics: string, name: string) =>
	new RegExp(`^${name}[;:](?:.*:)?(.*)$`, 'm').exec(unfold(ics).replace(/\r/g, ''))?.[1];
const minutes = (iso: string, n: number) => new Date(Date.parse(iso) + n * 60_000).toISOString();

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
		const id = await queue(db());
		const down = createMailTransport(`smtp://127.0.0.1:${await closedPort()}`);
		let now = '2026-11-30T08:00:00.000Z';
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
		await db()
			.transaction()
			.execute(async (trx) => {
				await queue(trx);
				throw new Error('the change failed');
			})
			.catch(() => undefined);
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
