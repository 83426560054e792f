import { afterEach, describe, expect, it } from 'vitest';
import { registerTick, runTicks } from './jobs/scheduler';
import { insertOutboxRow } from './mail/outbox.repository';
import { metricsAllowed, metricsText, observeRequest, setMetricsDatabase } from './metrics';
import { describeEachDialect } from './testing/each-dialect';
import type { DB } from './db';
import { setClock } from './clock';
import { log } from './log';
import { vi } from 'vitest';

const h = (init: Record<string, string> = {}) => new Headers(init);

/** One sample's value from the text format, e.g. value(text, 'huiban_outbox_backlog'). */
function value(text: string, sample: string): number | undefined {
	const line = text.split('\n').find((l) => l.startsWith(sample + ' '));
	return line === undefined ? undefined : Number(line.slice(sample.length + 1));
}

describe('who may read /metrics', () => {
	it('the machine itself, directly', () => {
		expect(metricsAllowed('127.0.0.1', h(), undefined)).toBe(true);
		expect(metricsAllowed('::1', h(), undefined)).toBe(true);
		expect(metricsAllowed('::ffff:127.0.0.1', h(), undefined)).toBe(true);
	});

	it('not a request relayed by a proxy on the machine, nor another address', () => {
		expect(metricsAllowed('127.0.0.1', h({ 'x-forwarded-for': '10.1.2.3' }), undefined)).toBe(
			false
		);
		expect(metricsAllowed('127.0.0.1', h({ 'x-real-ip': '10.1.2.3' }), undefined)).toBe(false);
		expect(metricsAllowed('10.1.2.3', h(), undefined)).toBe(false);
		expect(metricsAllowed('192.168.127.1', h(), undefined)).toBe(false);
	});

	it('anyone with the bearer token when METRICS_TOKEN is set; a wrong or missing one is refused', () => {
		const token = 'm-3f9a7c1e5b';
		expect(metricsAllowed('10.1.2.3', h({ authorization: `Bearer ${token}` }), token)).toBe(true);
		expect(metricsAllowed('10.1.2.3', h({ authorization: 'Bearer m-3f9a7c1e5c' }), token)).toBe(
			false
		);
		expect(metricsAllowed('10.1.2.3', h({ authorization: token }), token)).toBe(false);
		expect(metricsAllowed('10.1.2.3', h(), token)).toBe(false);
		// No token configured: a bearer header opens nothing.
		expect(metricsAllowed('10.1.2.3', h({ authorization: 'Bearer ' }), undefined)).toBe(false);
		expect(metricsAllowed('10.1.2.3', h({ authorization: 'Bearer undefined' }), undefined)).toBe(
			false
		);
	});
});

afterEach(() => {
	vi.restoreAllMocks();
	setMetricsDatabase(null);
});

describeEachDialect('metrics content', ({ db }) => {
	it('counts requests by route and status, scheduler runs and failures, and reads the outbox', async () => {
		setClock(new Date('2026-03-02T08:00:00.000Z'));
		vi.spyOn(log, 'error').mockImplementation(() => undefined);
		setMetricsDatabase(db());
		const before = await metricsText();
		const requests = (t: string) =>
			value(
				t,
				'huiban_http_requests_total{route="/(app)/meetings/[id]",method="GET",status="200"}'
			) ?? 0;
		observeRequest('/(app)/meetings/[id]', 'GET', 200, 0.012);
		observeRequest('/(app)/meetings/[id]', 'GET', 200, 0.02);
		observeRequest(null, 'GET', 404, 0.001);

		const removals = [
			registerTick('test.ok', async () => undefined),
			registerTick('test.fails', async () => {
				throw new Error('smtp down');
			})
		];
		try {
			await runTicks({} as DB);
		} finally {
			removals.forEach((r) => r());
		}
		for (const [i, at] of ['2026-03-02T07:00:00.000Z', '2026-03-02T07:10:00.000Z'].entries()) {
			await insertOutboxRow(db(), {
				toAddress: `p${i}@example.gov.cn`,
				toName: '参会人',
				subject: '会议通知',
				text: '请参加',
				html: '<p>请参加</p>',
				ics: null,
				icsMethod: null,
				meetingId: null,
				status: i === 0 ? 'pending' : 'failed',
				nextAttemptAt: at,
				createdAt: at
			});
		}
		const after = await metricsText();
		expect(requests(after) - requests(before)).toBe(2);
		expect(after).toContain(
			'huiban_http_requests_total{route="unmatched",method="GET",status="404"}'
		);
		expect(after).toMatch(
			/huiban_http_request_duration_seconds_count\{route="\/\(app\)\/meetings\/\[id\]",status="200"\} \d+/
		);
		expect(value(after, 'huiban_scheduler_runs_total{tick="test.ok"}')).toBeGreaterThanOrEqual(1);
		expect(
			value(after, 'huiban_scheduler_failures_total{tick="test.fails"}')
		).toBeGreaterThanOrEqual(1);
		expect(value(after, 'huiban_scheduler_failures_total{tick="test.ok"}')).toBeUndefined();
		expect(value(after, 'huiban_outbox_backlog')).toBe(1);
		expect(value(after, 'huiban_outbox_failed')).toBe(1);
		expect(after).toContain('process_cpu_user_seconds_total');
	});
});
