import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DB } from '../db';
import type { WebhookInput } from './webhooks.schema';

/** A request the receiver got. */
export interface Received {
	method: string;
	url: string;
	headers: IncomingHttpHeaders;
	body: string;
}

export type Responder = (r: Received) => { status: number; body: string };

/**
 * A real HTTP receiver on a free local port, as a robot or an intranet system would be: it
 * records every request and answers with `respond` (by default 200 {"errcode":0}).
 */
export async function startReceiver(respond?: Responder) {
	const received: Received[] = [];
	let answer: Responder = respond ?? (() => ({ status: 200, body: '{"errcode":0,"errmsg":"ok"}' }));
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const r: Received = {
				method: req.method ?? '',
				url: req.url ?? '',
				headers: req.headers,
				body: Buffer.concat(chunks).toString('utf8')
			};
			received.push(r);
			const a = answer(r);
			res.writeHead(a.status, { 'content-type': 'application/json' });
			res.end(a.body);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		base: `http://127.0.0.1:${port}`,
		received,
		respond(r: Responder) {
			answer = r;
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			})
	};
}

/** A complete endpoint form as the admin page would post it. */
export function webhookForm(o: Partial<WebhookInput> = {}): WebhookInput {
	return {
		name: '办公室工作群',
		url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa',
		format: 'wecom',
		secret: '',
		clearSecret: '',
		events: ['meeting.notice_issued', 'meeting.cancelled'],
		enabled: 'on',
		...o
	};
}

/** Delivery rows as written (a test's look at the database). */
export function deliveryRows(db: DB) {
	return db.selectFrom('webhook_deliveries').selectAll().orderBy('id').execute();
}
