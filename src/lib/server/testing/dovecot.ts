import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
	chmodSync,
	chownSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	rmSync,
	writeFileSync
} from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import type { ImapFlow } from 'imapflow';
import { connectImap, parseImapUrl } from '../mail/imap';

/**
 * A real IMAP server for tests: Debian's Dovecot (`dovecot-imapd`), started from a config
 * generated in a temp dir on a free loopback port, one passwd-file user with a plaintext
 * password, Maildir storage, `/` as the hierarchy separator. Started as PostgreSQL is for the
 * database tests; a missing Dovecot fails the suite (it is installed by .ci/run), never skips.
 */
export interface TestDovecot {
	host: string;
	port: number;
	user: string;
	pass: string;
	/** imap://user:pass@127.0.0.1:port/INBOX?tls=off, extra query parameters appended. */
	url(query?: Record<string, string>): string;
	stop(): Promise<void>;
}

const DOVECOT = '/usr/sbin/dovecot';

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.once('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address() as { port: number };
			srv.close(() => resolve(port));
		});
	});
}

function accepts(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const s = connect(port, '127.0.0.1');
		s.once('data', (d) => {
			s.destroy();
			resolve(d.toString().startsWith('* OK'));
		});
		s.once('error', () => resolve(false));
	});
}

export async function startDovecot(): Promise<TestDovecot> {
	if (!existsSync(DOVECOT))
		throw new Error(
			`${DOVECOT} is missing: apt-get install dovecot-imapd (the IMAP tests need it)`
		);
	const dir = mkdtempSync(path.join(tmpdir(), 'huiban-dovecot-'));
	chmodSync(dir, 0o755);
	const root = process.getuid?.() === 0;
	// As root, mail is stored as nobody (Dovecot refuses uid 0 for mail) and the helper
	// processes run as the package's users; otherwise everything runs as the current user.
	const me = userInfo();
	const [uid, gid] = root ? [65534, 65534] : [me.uid, me.gid];
	const home = path.join(dir, 'home');
	mkdirSync(home);
	if (root) chownSync(home, uid, gid);
	const user = 'huiban';
	const pass = 'imap-test-Secret-1';
	writeFileSync(path.join(dir, 'passwd'), `${user}:{PLAIN}${pass}:${uid}:${gid}::${home}::\n`);
	const port = await freePort();
	const loginUser = root ? 'dovenull' : me.username;
	const internalUser = root ? 'dovecot' : me.username;
	const conf = `
base_dir = ${dir}/run
state_dir = ${dir}/state
instance_name = huiban-test-${port}
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = ${loginUser}
default_internal_user = ${internalUser}
first_valid_uid = 1
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = passwd-file
  args = username_format=%u ${dir}/passwd
}
mail_location = maildir:~/Maildir
namespace inbox {
  inbox = yes
  separator = /
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
`;
	const confPath = path.join(dir, 'dovecot.conf');
	writeFileSync(confPath, conf);
	const child: ChildProcess = spawn(DOVECOT, ['-F', '-c', confPath], {
		stdio: ['ignore', 'ignore', 'pipe']
	});
	let stderr = '';
	child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
	let exited: number | null = null;
	const done = new Promise<void>((r) =>
		child.once('exit', (code) => {
			exited = code ?? -1;
			r();
		})
	);
	for (let i = 0; i < 200 && !(await accepts(port)); i++) {
		if (exited !== null) {
			rmSync(dir, { recursive: true, force: true });
			throw new Error(`dovecot did not start (exit ${exited}): ${stderr.trim()}`);
		}
		await new Promise((r) => setTimeout(r, 50));
	}
	if (exited !== null || !(await accepts(port))) {
		child.kill('SIGKILL');
		throw new Error(`dovecot did not listen on ${port}: ${stderr.trim()}`);
	}
	return {
		host: '127.0.0.1',
		port,
		user,
		pass,
		url(query = {}) {
			const q = new URLSearchParams({ tls: 'off', ...query }).toString();
			return `imap://${user}:${encodeURIComponent(pass)}@127.0.0.1:${port}/INBOX?${q}`;
		},
		async stop() {
			if (exited === null) {
				child.kill('SIGTERM');
				await done;
			}
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

/** A calendar client's answer to an invite, built by Python's icalendar (tests/fixtures/itip_reply.py). */
export function buildReplyMail(
	inviteIcs: string,
	o: {
		partstat: 'ACCEPTED' | 'DECLINED' | 'TENTATIVE' | 'DELEGATED';
		from?: string;
		attendee?: string;
		sequence?: number;
		uid?: string;
		comment?: string;
		messageId?: string;
	}
): Buffer {
	const dir = mkdtempSync(path.join(tmpdir(), 'huiban-itip-'));
	try {
		const file = path.join(dir, 'invite.ics');
		writeFileSync(file, inviteIcs);
		const args = [ITIP_SCRIPT, file, '--partstat', o.partstat];
		if (o.from) args.push('--from', o.from);
		if (o.attendee) args.push('--attendee', o.attendee);
		if (o.sequence !== undefined) args.push('--sequence', String(o.sequence));
		if (o.uid) args.push('--uid', o.uid);
		if (o.comment) args.push('--comment', o.comment);
		if (o.messageId) args.push('--message-id', o.messageId);
		return execFileSync('/usr/bin/python3', args);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

const ITIP_SCRIPT = path.resolve('tests/fixtures/itip_reply.py');

async function withImap<T>(url: string, work: (c: ImapFlow) => Promise<T>): Promise<T> {
	const client = connectImap(parseImapUrl(url));
	await client.connect();
	try {
		return await work(client);
	} finally {
		await client.logout();
	}
}

/** Puts a mail into a mailbox (created if missing), unseen, as delivery would. */
export function appendMail(url: string, mailbox: string, raw: Buffer | string): Promise<void> {
	return withImap(url, async (c) => {
		if (!(await c.list()).some((b) => b.path === mailbox)) await c.mailboxCreate(mailbox);
		await c.append(mailbox, raw, []);
	});
}

/** How many mails each folder holds (0 for a folder that does not exist). */
export function mailboxCounts(url: string, folders: string[]): Promise<Record<string, number>> {
	return withImap(url, async (c) => {
		const paths = new Set((await c.list()).map((b) => b.path));
		const out: Record<string, number> = {};
		for (const f of folders) {
			const status = paths.has(f) ? await c.status(f, { messages: true }) : false;
			out[f] = status ? (status.messages ?? 0) : 0;
		}
		return out;
	});
}
