import { ImapFlow, type MessageStructureObject } from 'imapflow';

/**
 * The organiser mailbox that calendar clients send their iTIP REPLY mails to, read over IMAP.
 *
 * IMAP_URL, e.g. `imaps://bgs%40jtj.gov.cn:PASSWORD@mail.jtj.gov.cn/INBOX`:
 * - `imaps://` — TLS from the start (port 993 by default);
 * - `imap://` — port 143, STARTTLS required; `?tls=off` for a plaintext connection (only to
 *   a server on the same machine or a trusted segment);
 * - user and password URL-encoded (`@` as %40); the path is the mailbox read (default INBOX);
 * - `?done=Huiban/已处理` — the folder handled replies move to (this default; `/` separates
 *   levels whatever the server's separator); `?ignored=Huiban/已忽略` — the folder for REPLY
 *   mails that were not accepted (spoofed, unknown meeting, old SEQUENCE …; this default).
 * Other mail in the mailbox is left as it is. The password never leaves this module.
 */
export interface ImapSettings {
	host: string;
	port: number;
	secure: boolean;
	starttls: boolean;
	user: string;
	pass: string;
	mailbox: string;
	doneFolder: string;
	ignoredFolder: string;
}

export const DEFAULT_DONE_FOLDER = 'Huiban/已处理';
export const DEFAULT_IGNORED_FOLDER = 'Huiban/已忽略';

export function parseImapUrl(raw: string): ImapSettings {
	let u: URL;
	try {
		u = new URL(raw);
	} catch {
		// The URL holds the password: the message never repeats it.
		throw new Error('IMAP_URL is not a URL (imap://user:pass@host:143/INBOX)');
	}
	if (u.protocol !== 'imap:' && u.protocol !== 'imaps:')
		throw new Error('IMAP_URL must start with imap:// or imaps://');
	const secure = u.protocol === 'imaps:';
	const tls = (u.searchParams.get('tls') ?? '').toLowerCase();
	const folder = (name: string, dflt: string) =>
		(u.searchParams.get(name) ?? '').trim().replace(/^\/+|\/+$/g, '') || dflt;
	return {
		host: u.hostname.replace(/^\[|\]$/g, ''),
		port: u.port ? Number(u.port) : secure ? 993 : 143,
		secure,
		starttls: !secure && tls !== 'off',
		user: decodeURIComponent(u.username),
		pass: decodeURIComponent(u.password),
		mailbox: decodeURIComponent(u.pathname.replace(/^\/+/, '')) || 'INBOX',
		doneFolder: folder('done', DEFAULT_DONE_FOLDER),
		ignoredFolder: folder('ignored', DEFAULT_IGNORED_FOLDER)
	};
}

/** The settings as the admin may see them: no password. */
export function describeImap(s: ImapSettings): string {
	const scheme = s.secure ? 'imaps' : 'imap';
	return `${scheme}://${s.user}@${s.host}:${s.port}/${s.mailbox}`;
}

/** One REPLY mail as the ingest needs it. */
export interface ReplyMail {
	/** The Message-ID header, '' when there is none. */
	messageId: string;
	/** The From address. */
	from: string;
	/** Each text/calendar part, decoded. */
	calendars: string[];
}

/** handle() says where a mail goes: a folder, or 'keep' to leave it (an error; tried again). */
export type MailFate = 'done' | 'ignored' | 'keep';

export interface PollResult {
	/** Unseen messages looked at. */
	fetched: number;
	/** Calendar replies handed to handle(). */
	handled: number;
	moved: number;
}

function calendarParts(node: MessageStructureObject | undefined, out: string[] = []): string[] {
	if (!node) return out;
	const type = (node.type ?? '').toLowerCase();
	if (type === 'text/calendar' || type === 'application/ics') out.push(node.part ?? '1');
	for (const child of node.childNodes ?? []) calendarParts(child, out);
	return out;
}

function decode(bytes: Buffer, charset: string | undefined): string {
	try {
		return new TextDecoder(charset || 'utf-8').decode(bytes);
	} catch {
		return bytes.toString('utf8');
	}
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const c of stream) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c as string));
	return Buffer.concat(chunks);
}

export function connectImap(s: ImapSettings): ImapFlow {
	return new ImapFlow({
		host: s.host,
		port: s.port,
		secure: s.secure,
		doSTARTTLS: s.secure ? undefined : s.starttls,
		auth: { user: s.user, pass: s.pass },
		// imapflow's own logger writes protocol lines; ours logs ids and outcomes only.
		logger: false,
		disableAutoIdle: true,
		connectionTimeout: 30_000,
		greetingTimeout: 15_000,
		socketTimeout: 120_000
	});
}

async function ensureFolder(client: ImapFlow, folder: string, made: Set<string>): Promise<void> {
	if (made.has(folder)) return;
	const parts = folder.split('/').filter(Boolean);
	const exists = (await client.list()).some(
		(b) => b.path.split(b.delimiter || '/').join('/') === parts.join('/')
	);
	if (!exists) await client.mailboxCreate(parts);
	made.add(folder);
}

/**
 * One poll: the unseen mails of the mailbox that carry a text/calendar part with METHOD:REPLY
 * go to handle() one by one; then each is moved to the folder handle() chose, so a mail is
 * never processed twice (if the move fails, the next poll's handle() sees a duplicate).
 * Other mail stays untouched and unseen (parts are read with BODY.PEEK).
 */
export async function pollMailbox(
	s: ImapSettings,
	handle: (mail: ReplyMail) => Promise<MailFate>
): Promise<PollResult> {
	const client = connectImap(s);
	await client.connect();
	const result: PollResult = { fetched: 0, handled: 0, moved: 0 };
	try {
		const lock = await client.getMailboxLock(s.mailbox);
		const fates: Record<'done' | 'ignored', number[]> = { done: [], ignored: [] };
		try {
			const uids = (await client.search({ seen: false }, { uid: true })) || [];
			if (!uids.length) return result;
			const messages = await client.fetchAll(
				uids,
				{ uid: true, envelope: true, bodyStructure: true },
				{ uid: true }
			);
			result.fetched = messages.length;
			for (const msg of messages) {
				const parts = calendarParts(msg.bodyStructure);
				if (!parts.length) continue;
				const calendars: string[] = [];
				for (const part of parts) {
					const d = await client.download(String(msg.uid), part, { uid: true, decodeText: false });
					if (!('content' in d) || !d.content) continue;
					calendars.push(decode(await readAll(d.content), d.meta?.charset));
				}
				if (!calendars.some((c) => /^METHOD:\s*REPLY\s*$/im.test(c))) continue;
				result.handled++;
				const fate = await handle({
					messageId: (msg.envelope?.messageId ?? '').trim(),
					from: msg.envelope?.from?.[0]?.address ?? '',
					calendars
				});
				if (fate !== 'keep') fates[fate].push(msg.uid);
			}
			const made = new Set<string>();
			for (const fate of ['done', 'ignored'] as const) {
				if (!fates[fate].length) continue;
				const folder = fate === 'done' ? s.doneFolder : s.ignoredFolder;
				await ensureFolder(client, folder, made);
				// Seen first: a server without MOVE copies and expunges, and the copy is handled.
				await client.messageFlagsAdd(fates[fate], ['\\Seen'], { uid: true });
				const moved = await client.messageMove(fates[fate], folder.split('/'), { uid: true });
				if (moved) result.moved += fates[fate].length;
			}
		} finally {
			lock.release();
		}
	} finally {
		await client.logout().catch(() => client.close());
	}
	return result;
}
