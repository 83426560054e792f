import net, { type AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { buildInvite, type InviteMethod } from '$lib/domain/invite';
import type { DB } from '../db';
import { enqueueMail } from './outbox';

/** A real SMTP peer in this process; it keeps every raw message it accepts. */
export function smtpPeer() {
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
export async function closedPort(): Promise<number> {
	const s = net.createServer();
	await new Promise<void>((ok) => s.listen(0, '127.0.0.1', () => ok()));
	const { port } = s.address() as AddressInfo;
	await new Promise((ok) => s.close(ok));
	return port;
}

export interface MimeNode {
	type: string;
	params: Record<string, string>;
	children: MimeNode[];
}

/** The MIME structure of a raw message, to check what nodemailer nests inside what. */
export function mimeTree(raw: string): MimeNode {
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
export const shape = (n: MimeNode): string =>
	n.children.length ? `${n.type}(${n.children.map(shape).join(',')})` : n.type;
export const find = (n: MimeNode, type: string): MimeNode | undefined =>
	n.type === type ? n : n.children.map((c) => find(c, type)).find(Boolean);

export const TITLE = '关于召开全市交通运输系统安全生产暨岁末年初重点工作部署会议的通知（第二次）';

export function invite(method: InviteMethod, sequence: number) {
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

export async function queue(
	db: DB,
	o: { method?: InviteMethod; sequence?: number; to?: string } = {}
) {
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

export const row = (db: DB, id: number) =>
	db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
export const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '');
export const prop = (ics: string, name: string) =>
	new RegExp(`^${name}[;:](?:.*:)?(.*)$`, 'm').exec(unfold(ics).replace(/\r/g, ''))?.[1];
export const minutes = (iso: string, n: number) =>
	new Date(Date.parse(iso) + n * 60_000).toISOString();
