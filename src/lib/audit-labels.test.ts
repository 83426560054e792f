import { afterEach, describe, expect, it } from 'vitest';
import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime';
import { auditRefs, changeLines, emptyNameBook, entityText, type NameBook } from './audit-labels';
import { actionLabel, fieldLabel } from './audit-vocabulary';

const TZ = 'Asia/Shanghai';
const uiLocale = getLocale;
afterEach(() => overwriteGetLocale(uiLocale));

const names: NameBook = {
	...emptyNameBook(),
	users: { '8': '张三', '9': '李四', '12': '王五' },
	departments: { '3': '办公室' },
	rooms: { '2': '第二会议室' }
};
const lines = (action: string, changes: Record<string, unknown>) =>
	changeLines({ action, changes }, names, TZ).map((l) => `${l.label}｜${l.text}`);

describe('audit labels', () => {
	it('names actions, objects and fields in Chinese, people by name', () => {
		expect(actionLabel('auth.login')).toBe('登录');
		expect(actionLabel('meeting.reply')).toBe('参会回执');
		expect(entityText('user', '8', names)).toBe('人员：张三');
		expect(entityText('meeting', '12', names)).toBe('会议 #12');
		expect(entityText('user', '99', names)).toBe('人员 #99');
		expect(fieldLabel('host_id')).toBe('主持人');
		// An action nobody has labelled yet still reads as its code, never as nothing.
		expect(actionLabel('supervision.nothing_yet')).toBe('supervision.nothing_yet');
		expect(actionLabel('minutes.approve')).toBe('审核通过纪要');
	});

	it('renders before → after, lists, booleans, objects, instants and enums readably', () => {
		expect(
			lines('meeting.update', {
				host_id: [8, 9],
				room_id: [null, 2],
				starts_at: ['2026-12-07T06:30:00.000Z', '2026-12-07T07:00:00.000Z'],
				classification: ['none', 'secret']
			})
		).toEqual([
			'主持人｜张三 → 李四',
			'会议室｜（空） → 第二会议室',
			'开始时间｜2026年12月7日（星期一）14:30 → 2026年12月7日（星期一）15:00',
			'密级｜非密 → 秘密'
		]);
		expect(lines('meeting.checkin', { userIds: [8, 9], late: false, asDeputy: true })).toEqual([
			'人员｜张三、李四',
			'迟到｜否',
			'代会签到｜是'
		]);
		expect(lines('meeting.reply', { reply: 'excused', reason: '出差', deputy: null })).toEqual([
			'回执｜请假',
			'原因｜出差',
			'代会人员｜（空）'
		]);
		expect(
			lines('duty_roster.generate', {
				spread: { leader: { period: 1, total: 3 }, officer: { period: 0.5, total: 2 } }
			})
		).toEqual(['负担差距｜带班领导：本期：1；累计：3；值班员：本期：0.5；累计：2']);
		expect(lines('duty_roster.office_edit', { before: 8, after: 12 })).toEqual([
			'变更前｜张三',
			'变更后｜王五'
		]);
		expect(lines('user.create', { roles: 'office,staff', departmentId: 3 })).toEqual([
			'角色｜办公室、干部职工',
			'科室｜办公室'
		]);
		expect(lines('mail.retry', { status: ['failed', 'pending'] })).toEqual([
			'状态｜发送失败 → 待发送'
		]);
		expect(lines('demo.load', { departmentNames: '办公室,人事科', meetings: 20 })).toEqual([
			'科室名单｜办公室、人事科',
			'会议数｜20'
		]);
		expect(entityText('organisation', null, names)).toBe('组织机构');
		expect(lines('auth.password_change', { password: '***' })).toEqual(['password｜（已隐去）']);
		const text = lines('duty_roster.generate', { spread: { leader: { period: 1 } } }).join();
		expect(text).not.toContain('[object Object]');
	});

	it('collects the ids an entry names, for one look-up per kind', () => {
		expect(
			auditRefs([
				{ action: 'auth.login', entity: 'user', entityId: '8', changes: {} },
				{
					action: 'meeting.update',
					entity: 'meeting',
					entityId: '5',
					changes: { host_id: [8, 9], room_id: [null, 2], organiser_department_id: [3, 3] }
				},
				{
					action: 'duty_roster.office_edit',
					entity: 'duty_period',
					entityId: '1',
					changes: { before: 12, after: null }
				}
			])
		).toEqual({ users: [8, 9, 12], departments: [3], rooms: [2], meetingTypes: [] });
	});

	it('has no Chinese left in the English labels', () => {
		overwriteGetLocale(() => 'en');
		expect(actionLabel('auth.login')).toBe('Signed in');
		expect(entityText('user', '8', names)).toBe('Person: 张三');
		const all = lines('meeting.checkin', { userIds: [], late: true }).join();
		expect(lines('meeting.checkin', { userIds: [8, 9] })).toEqual(['People｜张三, 李四']);
		expect(lines('duty_roster.generate', { spread: { leader: { period: 1 } } })).toEqual([
			'Load spread｜Duty leader: This period: 1'
		]);
		expect(all).toBe('People｜(empty),Late｜yes');
	});
});
