import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
	acceptedAnswer,
	cleanWebhookError,
	dingtalkSignedUrl,
	isWebhookUrl,
	itemData,
	jsonSignature,
	maskUrl,
	meetingData,
	periodData,
	renderWebhookBody,
	testData,
	webhookRequest,
	type RenderContext
} from './webhooks.format';

const ctx: RenderContext = {
	origin: 'https://huiban.example.gov.cn/',
	timeZone: 'Asia/Shanghai',
	locale: 'zh-CN',
	occurredAt: '2026-12-07T01:30:00.000Z'
};
const meeting = {
	id: 12,
	title: '2026年第12次局务会议',
	startsAt: '2026-12-08T01:30:00.000Z',
	classification: 'none' as const
};
const secretMeeting = {
	...meeting,
	id: 13,
	title: '绝密人事调整会',
	classification: 'secret' as const
};

describe('webhook bodies', () => {
	it('wecom: a markdown message with the title, the time in the office zone and the link', () => {
		const body = JSON.parse(
			renderWebhookBody('wecom', 'meeting.notice_issued', meetingData(meeting), ctx)
		);
		expect(body.msgtype).toBe('markdown');
		expect(body.markdown.content).toBe(
			[
				'**会议通知：2026年第12次局务会议**',
				'> 时间：2026年12月8日（星期二）09:30',
				'[在会办中查看](https://huiban.example.gov.cn/meetings/12)'
			].join('\n')
		);
	});

	it('dingtalk: markdown with a title and text; a cancellation gives the reason', () => {
		const body = JSON.parse(
			renderWebhookBody('dingtalk', 'meeting.cancelled', meetingData(meeting, '领导另有安排'), ctx)
		);
		expect(body).toEqual({
			msgtype: 'markdown',
			markdown: {
				title: '会议取消：2026年第12次局务会议',
				text: [
					'#### 会议取消：2026年第12次局务会议',
					'- 时间：2026年12月8日（星期二）09:30',
					'- 原因：领导另有安排',
					'',
					'[在会办中查看](https://huiban.example.gov.cn/meetings/12)'
				].join('\n')
			}
		});
	});

	it('json: {event, occurredAt, data} with the link instead of the path', () => {
		const body = JSON.parse(
			renderWebhookBody('json', 'meeting.notice_issued', meetingData(meeting), ctx)
		);
		expect(body).toEqual({
			event: 'meeting.notice_issued',
			occurredAt: '2026-12-07T01:30:00.000Z',
			data: {
				meetingId: 12,
				title: '2026年第12次局务会议',
				startsAt: '2026-12-08T01:30:00.000Z',
				url: 'https://huiban.example.gov.cn/meetings/12'
			}
		});
	});

	it('a classified meeting: no title, time or reason in any format, only that there is something in the app', () => {
		for (const format of ['wecom', 'dingtalk', 'json'] as const) {
			for (const event of ['meeting.notice_issued', 'meeting.cancelled'] as const) {
				const text = renderWebhookBody(format, event, meetingData(secretMeeting, '人事保密'), ctx);
				expect(text).not.toContain('绝密人事调整会');
				expect(text).not.toContain('人事保密');
				expect(text).not.toContain('2026-12-08');
				expect(text).not.toContain('09:30');
				expect(text).toContain('https://huiban.example.gov.cn/meetings/13');
			}
		}
		const wecom = JSON.parse(
			renderWebhookBody('wecom', 'meeting.notice_issued', meetingData(secretMeeting), ctx)
		);
		expect(wecom.markdown.content).toContain('有一个涉密会议的通知，请在会办中查看。');
	});

	it('supervision overdue: title, number and deadline; a classified item by its number only', () => {
		const item = {
			id: 7,
			number: '督〔2026〕7号',
			title: '老旧小区改造进度',
			deadline: '2026-11-20',
			classification: 'none' as const
		};
		const open = JSON.parse(renderWebhookBody('wecom', 'supervision.overdue', itemData(item), ctx))
			.markdown.content;
		expect(open).toContain('**督办逾期：老旧小区改造进度**');
		expect(open).toContain('> 编号：督〔2026〕7号');
		expect(open).toContain('> 办理期限：2026年11月20日（星期五）');
		const hidden = renderWebhookBody(
			'dingtalk',
			'supervision.overdue',
			itemData({ ...item, classification: 'confidential' }),
			ctx
		);
		expect(hidden).not.toContain('老旧小区');
		expect(hidden).toContain('督办事项 督〔2026〕7号 已逾期（涉密，请在会办中查看）。');
	});

	it('duty roster published: the period and its dates', () => {
		const text = JSON.parse(
			renderWebhookBody(
				'wecom',
				'duty.roster_published',
				periodData({
					id: 3,
					name: '2027年元旦值班',
					startDate: '2026-12-31',
					endDate: '2027-01-03'
				}),
				ctx
			)
		).markdown.content;
		expect(text).toContain('**值班表已发布：2027年元旦值班**');
		expect(text).toContain('2026年12月31日（星期四）至2027年1月3日（星期日）');
		expect(text).toContain('(https://huiban.example.gov.cn/duty/3)');
	});

	it("a title's markdown characters are escaped so it cannot change the message", () => {
		const text = JSON.parse(
			renderWebhookBody(
				'wecom',
				'meeting.notice_issued',
				meetingData({ ...meeting, title: '[点我](http://evil.example) **急**' }),
				ctx
			)
		).markdown.content;
		expect(text).toContain('\\[点我\\](http://evil.example) \\*\\*急\\*\\*');
	});

	it('the test message', () => {
		const text = JSON.parse(renderWebhookBody('wecom', 'test', testData(), ctx)).markdown.content;
		expect(text).toContain('会办测试消息');
	});
});

describe('webhook signatures', () => {
	it("dingtalk: timestamp and sign = base64 HMAC-SHA256 of 'timestamp\\nsecret' in the URL", () => {
		const url = dingtalkSignedUrl(
			'https://oapi.dingtalk.com/robot/send?access_token=abc123',
			'SECdemo',
			1_765_000_000_000
		);
		const u = new URL(url);
		expect(u.searchParams.get('access_token')).toBe('abc123');
		expect(u.searchParams.get('timestamp')).toBe('1765000000000');
		const expected = createHmac('sha256', 'SECdemo')
			.update('1765000000000\nSECdemo')
			.digest('base64');
		expect(u.searchParams.get('sign')).toBe(expected);
	});

	it("json: t=<unix>,v1=<hex HMAC-SHA256 of 't.body'>", () => {
		const body = '{"event":"test"}';
		const expected = createHmac('sha256', 'k3y')
			.update('1765000000.{"event":"test"}')
			.digest('hex');
		expect(jsonSignature(body, 'k3y', 1_765_000_000)).toBe(`t=1765000000,v1=${expected}`);
	});

	it('requests are signed only when a secret is set', () => {
		const now = new Date('2026-12-07T01:30:00Z');
		const plain = webhookRequest({ url: 'http://a.test/x', format: 'json', secret: '' }, '{}', now);
		expect(plain.headers['X-Huiban-Signature']).toBeUndefined();
		const signed = webhookRequest(
			{ url: 'http://a.test/x', format: 'json', secret: 's' },
			'{}',
			now
		);
		expect(signed.headers['X-Huiban-Signature']).toMatch(
			new RegExp(`^t=${now.getTime() / 1000},v1=[0-9a-f]{64}$`)
		);
		const ding = webhookRequest(
			{ url: 'http://a.test/x', format: 'dingtalk', secret: '' },
			'{}',
			now
		);
		expect(ding.url).toBe('http://a.test/x');
	});
});

describe('answers, URLs and errors', () => {
	it('2xx is taken; the robots also need errcode 0', () => {
		expect(acceptedAnswer('json', 204, '')).toEqual({ ok: true });
		expect(acceptedAnswer('json', 500, 'oops')).toEqual({ ok: false, error: 'HTTP 500 oops' });
		expect(acceptedAnswer('wecom', 200, '{"errcode":0,"errmsg":"ok"}')).toEqual({ ok: true });
		expect(
			acceptedAnswer('wecom', 200, '{"errcode":93000,"errmsg":"invalid webhook url"}')
		).toEqual({
			ok: false,
			error: 'errcode 93000 invalid webhook url'
		});
		expect(acceptedAnswer('dingtalk', 200, 'not json').ok).toBe(false);
	});

	it('only http(s) URLs without credentials', () => {
		expect(isWebhookUrl('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x')).toBe(true);
		expect(isWebhookUrl('http://10.1.2.3:8080/hook')).toBe(true);
		expect(isWebhookUrl('ftp://x.test/')).toBe(false);
		expect(isWebhookUrl('javascript:alert(1)')).toBe(false);
		expect(isWebhookUrl('https://user:pw@x.test/')).toBe(false);
		expect(isWebhookUrl('企业微信')).toBe(false);
	});

	it("the URL's key is cut short on screen and never kept in an error", () => {
		const url =
			'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa';
		expect(maskUrl(url)).toBe('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a***');
		const error = cleanWebhookError(
			`request to ${url} failed, key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa secret SECabcdef`,
			{ url, secret: 'SECabcdef' }
		);
		expect(error).not.toContain('693a91f6-7xxx');
		expect(error).not.toContain('SECabcdef');
		expect(error).toContain('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a***');
	});
});
