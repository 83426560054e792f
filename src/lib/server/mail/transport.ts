import nodemailer, { type SendMailOptions } from 'nodemailer';
import type { OutboxRecord } from './outbox.repository';

/** What the outbox needs of a mail transport; nodemailer's transporters fit. */
export interface MailTransport {
	sendMail(message: SendMailOptions): Promise<unknown>;
}

export interface MailSender {
	name: string;
	address: string;
}

/** SMTP_URL, e.g. smtp://user:pass@host:587 (STARTTLS when offered) or smtps://host:465. */
export function smtpUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
	return env.SMTP_URL?.trim() || undefined;
}

/**
 * A transport for the URL, or null when none is configured: mail then stays pending in the
 * outbox, readable by the admin, and goes out once SMTP_URL is set. Options in the URL's query
 * (e.g. ?pool=true) win over these timeouts, which keep one stuck server from holding a send
 * past the outbox's 10-minute lease.
 */
export function createMailTransport(url: string | undefined = smtpUrl()): MailTransport | null {
	if (!url) return null;
	return nodemailer.createTransport({
		url,
		connectionTimeout: 30_000,
		greetingTimeout: 30_000,
		socketTimeout: 120_000
	});
}

let shared: { transport: MailTransport | null } | undefined;

/** The process's transport, created on first use from SMTP_URL. */
export function getMailTransport(): MailTransport | null {
	shared ??= { transport: createMailTransport() };
	return shared.transport;
}

/**
 * Sends one outbox row. With an invite, nodemailer's icalEvent puts the calendar in the
 * multipart/alternative as `text/calendar; charset=utf-8; method=…` (and attaches it as
 * invite.ics), the shape Outlook and other clients expect of an iTIP message.
 */
export async function sendOne(
	transport: MailTransport,
	mail: OutboxRecord,
	from: MailSender
): Promise<void> {
	await transport.sendMail({
		from: { name: from.name, address: from.address },
		to: { name: mail.toName, address: mail.toAddress },
		subject: mail.subject,
		text: mail.text,
		html: mail.html,
		icalEvent: mail.ics ? { method: mail.icsMethod ?? 'REQUEST', content: mail.ics } : undefined
	});
}
