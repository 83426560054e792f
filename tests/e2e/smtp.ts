import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A real SMTP peer in the test process; the app sends its notices here. */
export async function startSmtp(): Promise<{
	url: string;
	mails: ParsedMail[];
	stop(): Promise<void>;
}> {
	const mails: ParsedMail[] = [];
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onData(stream, _session, done) {
			simpleParser(stream)
				.then((m) => mails.push(m))
				.then(() => done(), done);
		}
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	const { port } = server.server.address() as { port: number };
	return {
		url: `smtp://127.0.0.1:${port}`,
		mails,
		stop: () => new Promise<void>((r) => server.close(() => r()))
	};
}

/** The calendar part's METHOD line of a received mail, if any. */
export function icsMethod(mail: ParsedMail): string | null {
	const part = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'));
	const text = part?.content.toString('utf8') ?? '';
	return /^METHOD:(\w+)/m.exec(text)?.[1] ?? null;
}
