import pino from 'pino';

/**
 * The one structured logger (JSON lines on stdout, `pino`). `LOG_LEVEL` sets the level (default
 * `info`; `silent` in tests). Secrets never reach it: the paths below are masked wherever they
 * appear, and callers log ids, never request bodies.
 */
export const log = pino({
	level: process.env.LOG_LEVEL || (process.env.VITEST ? 'silent' : 'info'),
	base: { pid: process.pid },
	timestamp: pino.stdTimeFunctions.isoTime,
	redact: {
		paths: [
			'password',
			'*.password',
			'token',
			'*.token',
			'secret',
			'*.secret',
			'authorization',
			'*.authorization',
			'cookie',
			'*.cookie',
			'sessionId',
			'*.sessionId'
		],
		censor: '***'
	}
});

/** An error as a log field: its message and stack, nothing attached to it. */
export function errorFields(e: unknown): { err: { message: string; stack?: string } } {
	return e instanceof Error
		? { err: { message: e.message, stack: e.stack } }
		: { err: { message: String(e) } };
}
