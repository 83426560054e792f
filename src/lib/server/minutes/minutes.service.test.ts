import { dayFromNow } from '../testing/dates';
import { expect, it } from 'vitest';
import type { DB } from '../db';
import { cancelMeeting } from '../meetings/meetings.service';
import { outboxRows } from '../meetings/meetings.test-helpers';
import { replyToMeeting } from '../meetings/replies.service';
import { auditRows } from '../testing/audit-rows';
import { describeEachDialect } from '../testing/each-dialect';
import { meetingTypeId } from '../testing/meeting-fixtures';
import {
	approveMinutes,
	issueMinutes,
	returnMinutes,
	saveMinutesDraft,
	submitMinutes
} from './minutes.service';
import { getMinutes } from './minutes.query';
import type { MinutesDraftInput } from './minutes.schema';
import { draftForm, heldMeeting } from './minutes.test-helpers';
import JSZip from 'jszip';
import { updateMeetingType } from '../meetings/meeting-types.service';
import { newUser } from '../testing/fixtures';
import { buildMinutesDocx } from './minutes-docx';
import { minutesDocument } from './minutes-document';

const notesOf = (db: DB, kind: string) =>
	db
		.selectFrom('notifications')
		.select(['user_id', 'title', 'body'])
		.where('kind', '=', kind)
		.orderBy('user_id')
		.execute();

describeEachDialect('minutes (纪要)', ({ db }) => {
	async function approved(o: Parameters<typeof heldMeeting>[1] = {}) {
		const f = await heldMeeting(db(), o);
		await saveMinutesDraft(db(), f.recorder.actor, f.id, draftForm(f.deptA, f.deptB));
		await submitMinutes(db(), f.recorder.actor, f.id);
		await approveMinutes(db(), f.host.actor, f.id);
		return f;
	}

	it('the recorder drafts with numbered decisions; the draft is read back with attendance', async () => {
		const f = await heldMeeting(db());
		await replyToMeeting(db(), f.a.actor, f.id, { reply: 'attend' });
		await replyToMeeting(db(), f.b.actor, f.id, { reply: 'excused', reason: '出差' });
		const id = await saveMinutesDraft(db(), f.recorder.actor, f.id, draftForm(f.deptA, f.deptB));
		const v = await getMinutes(db(), f.recorder.actor, f.id);
		expect(v.minutes).toMatchObject({
			id,
			status: 'draft',
			body: '会议研究了年终工作。',
			draftedBy: f.recorder.id,
			number: null
		});
		expect(
			v.decisions.map((d) => [
				d.seq,
				d.text,
				d.leadDepartmentName,
				d.coDepartments.map((c) => c.name),
				d.deadline
			])
		).toEqual([
			[1, '做好年终考核工作', '财务科', ['人事科'], '2026-12-31'],
			[2, '统筹安排节日值班', null, [], null]
		]);
		expect(v.attendance).toEqual({
			present: ['孙明'],
			observers: [],
			excused: ['周红（出差）'],
			recorder: '洪记录'
		});
		expect(v.canDraft).toBe(true);
		expect((await auditRows(db(), 'minutes.create')).map((r) => r.entityId)).toEqual([String(id)]);
	});

	it('a second save replaces the decisions and keeps one minutes per meeting', async () => {
		const f = await heldMeeting(db());
		const id = await saveMinutesDraft(db(), f.recorder.actor, f.id, draftForm(f.deptA, f.deptB));
		const again = await saveMinutesDraft(db(), f.office.actor, f.id, {
			body: '修改后',
			decisionText: ['只留一项']
		});
		expect(again).toBe(id);
		const v = await getMinutes(db(), f.office.actor, f.id);
		expect(v.minutes?.body).toBe('修改后');
		expect(v.decisions.map((d) => [d.seq, d.text])).toEqual([[1, '只留一项']]);
		expect(await auditRows(db(), 'minutes.save')).toHaveLength(1);
	});

	it('refuses a draft from anyone but the recorder and the office', async () => {
		const f = await heldMeeting(db());
		const form = draftForm(f.deptA, f.deptB);
		await expect(saveMinutesDraft(db(), f.a.actor, f.id, form)).rejects.toThrow('forbidden');
		await expect(saveMinutesDraft(db(), f.host.actor, f.id, form)).rejects.toThrow('forbidden');
		// Someone not on the meeting does not learn it exists.
		await expect(saveMinutesDraft(db(), f.stranger.actor, f.id, form)).rejects.toThrow('not found');
	});

	it('refuses bad decisions with every field error at once', async () => {
		const f = await heldMeeting(db());
		const bad = {
			body: '',
			decisionText: ['一', '二'],
			decisionLeadDepartmentId: ['999999', 'x'],
			decisionDeadline: ['2026-02-30', ''],
			decisionCoDepartmentIds: ['', '1,,2']
		} as unknown as MinutesDraftInput;
		const e = await saveMinutesDraft(db(), f.recorder.actor, f.id, bad).catch((x) => x);
		expect(e.name).toBe('ValidationError');
		expect(Object.keys(e.fields).sort()).toEqual([
			'decisionCoDepartmentIds.1',
			'decisionDeadline.0',
			'decisionLeadDepartmentId.1'
		]);
		const unknownDept = await saveMinutesDraft(db(), f.recorder.actor, f.id, {
			decisionText: ['一'],
			decisionLeadDepartmentId: ['999999']
		}).catch((x) => x);
		expect(unknownDept.fields).toEqual({ 'decisionLeadDepartmentId.0': '请选择一项' });
		expect(await getMinutes(db(), f.office.actor, f.id)).toMatchObject({ minutes: null });
	});

	it('refuses minutes of a cancelled meeting', async () => {
		const f = await heldMeeting(db());
		await cancelMeeting(db(), f.office.actor, f.id, { reason: '议题调整' });
		await expect(
			saveMinutesDraft(db(), f.recorder.actor, f.id, draftForm(f.deptA, f.deptB))
		).rejects.toThrow('会议已取消，不能编写纪要');
	});

	it('submit → approve → issue: numbered 〔year〕1号, everyone told in the app and by mail', async () => {
		const f = await heldMeeting(db());
		await saveMinutesDraft(db(), f.recorder.actor, f.id, draftForm(f.deptA, f.deptB));
		await submitMinutes(db(), f.recorder.actor, f.id);
		expect((await notesOf(db(), 'minutes.submitted')).map((n) => n.user_id)).toEqual([f.host.id]);
		expect((await getMinutes(db(), f.host.actor, f.id)).canApprove).toBe(true);
		await approveMinutes(db(), f.host.actor, f.id);
		const v = await getMinutes(db(), f.office.actor, f.id);
		expect(v.minutes).toMatchObject({ status: 'approved', approvedBy: f.host.id });
		expect(v.canIssue).toBe(true);
		const mailBefore = (await outboxRows(db())).length;
		const number = await issueMinutes(db(), f.office.actor, f.id);
		// The year the meeting is held (planForm: a week from today, office time).
		expect(number).toBe(`〔${dayFromNow(7).slice(0, 4)}〕1号`);
		const after = await getMinutes(db(), f.a.actor, f.id);
		expect(after.minutes).toMatchObject({ status: 'issued', number, numberSeq: 1 });
		const issuedTo = (await notesOf(db(), 'minutes.issued')).map((n) => n.user_id);
		expect(issuedTo).toEqual([f.host.id, f.recorder.id, f.a.id, f.b.id].sort((x, y) => x - y));
		const mail = (await outboxRows(db())).slice(mailBefore);
		expect(mail.map((r) => r.to_name).sort()).toEqual(['周红', '孙明', '李局长', '洪记录'].sort());
		expect(mail[0].subject).toBe(`会议纪要：2026年第12次局务会议（${number}）`);
		expect(mail[0].text_body).toContain(
			'1. 做好年终考核工作（牵头：财务科；时限：2026年12月31日）'
		);
		expect(mail[0].text_body).toContain('会议研究了年终工作。');
		expect(mail[0].ics).toBeNull();
		expect((await auditRows(db(), 'minutes.issue'))[0].changes).toEqual({
			meetingId: f.id,
			number
		});
	});

	it("a classified meeting's mail only says minutes are in the app", async () => {
		const f = await approved({ classification: 'secret' });
		const before = (await outboxRows(db())).length;
		await issueMinutes(db(), f.office.actor, f.id);
		const mail = (await outboxRows(db())).slice(before);
		expect(mail).toHaveLength(4);
		for (const r of mail) {
			expect(r.subject).toMatch(/^会议纪要已印发：涉密会议（/);
			expect(r.text_body).toContain('纪要内容请登录系统查看');
			for (const secret of ['局务会议', '年终', '财务科', '值班', '〔'])
				expect(r.text_body + r.html_body + r.subject).not.toContain(secret);
		}
		const notes = await notesOf(db(), 'minutes.issued');
		for (const n of notes) expect(n.title).not.toContain('局务会议');
	});

	it('another user cannot approve or return; only the host can', async () => {
		const f = await heldMeeting(db());
		await saveMinutesDraft(db(), f.recorder.actor, f.id, draftForm(f.deptA, f.deptB));
		await submitMinutes(db(), f.recorder.actor, f.id);
		for (const who of [f.a, f.recorder, f.office])
			await expect(approveMinutes(db(), who.actor, f.id)).rejects.toThrow('forbidden');
		await expect(approveMinutes(db(), f.stranger.actor, f.id)).rejects.toThrow('not found');
		await expect(returnMinutes(db(), f.office.actor, f.id, { comment: '请补充' })).rejects.toThrow(
			'forbidden'
		);
		expect((await getMinutes(db(), f.office.actor, f.id)).minutes?.status).toBe('submitted');
	});

	it('the recorder cannot issue; the office cannot issue before approval', async () => {
		const f = await heldMeeting(db());
		await saveMinutesDraft(db(), f.recorder.actor, f.id, draftForm(f.deptA, f.deptB));
		await expect(issueMinutes(db(), f.recorder.actor, f.id)).rejects.toThrow('forbidden');
		await expect(issueMinutes(db(), f.host.actor, f.id)).rejects.toThrow('forbidden');
		await expect(issueMinutes(db(), f.office.actor, f.id)).rejects.toThrow('纪要尚未送审');
		await submitMinutes(db(), f.recorder.actor, f.id);
		await expect(issueMinutes(db(), f.office.actor, f.id)).rejects.toThrow(
			'纪要已送审，等待主持人审核'
		);
		await approveMinutes(db(), f.host.actor, f.id);
		await expect(issueMinutes(db(), f.recorder.actor, f.id)).rejects.toThrow('forbidden');
		await issueMinutes(db(), f.office.actor, f.id);
		await expect(issueMinutes(db(), f.office.actor, f.id)).rejects.toThrow('纪要已印发');
	});

	it('cannot edit after submit, nor submit twice', async () => {
		const f = await heldMeeting(db());
		await saveMinutesDraft(db(), f.recorder.actor, f.id, draftForm(f.deptA, f.deptB));
		await submitMinutes(db(), f.recorder.actor, f.id);
		await expect(saveMinutesDraft(db(), f.recorder.actor, f.id, { body: '偷改' })).rejects.toThrow(
			'纪要已送审，不能再修改'
		);
		await expect(submitMinutes(db(), f.recorder.actor, f.id)).rejects.toThrow(
			'纪要已送审，等待主持人审核'
		);
		expect((await getMinutes(db(), f.host.actor, f.id)).minutes?.body).toBe('会议研究了年终工作。');
	});

	it('a returned draft keeps the comment, can be edited and resubmitted', async () => {
		const f = await heldMeeting(db());
		await saveMinutesDraft(db(), f.recorder.actor, f.id, draftForm(f.deptA, f.deptB));
		await submitMinutes(db(), f.recorder.actor, f.id);
		await expect(returnMinutes(db(), f.host.actor, f.id, { comment: '  ' })).rejects.toThrow(
			'此项必填'
		);
		await returnMinutes(db(), f.host.actor, f.id, { comment: '请补充考核时间' });
		expect(await notesOf(db(), 'minutes.returned')).toEqual([
			{
				user_id: f.recorder.id,
				title: '会议纪要被退回修改：2026年第12次局务会议',
				body: '请补充考核时间'
			}
		]);
		let v = await getMinutes(db(), f.recorder.actor, f.id);
		expect(v.minutes).toMatchObject({ status: 'draft', returnComment: '请补充考核时间' });
		await saveMinutesDraft(db(), f.recorder.actor, f.id, { body: '补充后', decisionText: ['一'] });
		v = await getMinutes(db(), f.recorder.actor, f.id);
		expect(v.minutes).toMatchObject({ status: 'draft', returnComment: '请补充考核时间' });
		await submitMinutes(db(), f.recorder.actor, f.id);
		v = await getMinutes(db(), f.host.actor, f.id);
		expect(v.minutes).toMatchObject({ status: 'submitted', returnComment: '', body: '补充后' });
		await approveMinutes(db(), f.host.actor, f.id);
		expect((await auditRows(db(), 'minutes.return'))[0].changes).toEqual({
			meetingId: f.id,
			comment: '请补充考核时间'
		});
	});

	it('refuses to submit when the meeting has no host', async () => {
		const f = await heldMeeting(db());
		await db().updateTable('meetings').set({ host_id: null }).where('id', '=', f.id).execute();
		await saveMinutesDraft(db(), f.recorder.actor, f.id, draftForm(f.deptA, f.deptB));
		await expect(submitMinutes(db(), f.recorder.actor, f.id)).rejects.toThrow('会议未指定主持人');
	});

	it('drafts are read only by drafter, recorder, host and office; issued by all on the meeting', async () => {
		const f = await heldMeeting(db());
		await saveMinutesDraft(db(), f.office.actor, f.id, draftForm(f.deptA, f.deptB));
		for (const who of [f.office, f.recorder, f.host])
			expect((await getMinutes(db(), who.actor, f.id)).minutes?.status).toBe('draft');
		const hidden = await getMinutes(db(), f.a.actor, f.id);
		expect(hidden).toMatchObject({ minutes: null, decisions: [], canDraft: false });
		await expect(getMinutes(db(), f.stranger.actor, f.id)).rejects.toThrow('not found');
		await submitMinutes(db(), f.office.actor, f.id);
		await approveMinutes(db(), f.host.actor, f.id);
		expect((await getMinutes(db(), f.a.actor, f.id)).minutes).toBeNull();
		await issueMinutes(db(), f.office.actor, f.id);
		const v = await getMinutes(db(), f.a.actor, f.id);
		expect(v.minutes?.status).toBe('issued');
		expect(v.decisions).toHaveLength(2);
		expect(v).toMatchObject({ canDraft: false, canApprove: false, canIssue: false });
		await expect(getMinutes(db(), f.stranger.actor, f.id)).rejects.toThrow('not found');
	});

	it('numbers run per meeting type and year', async () => {
		const m1 = await approved();
		const m2 = await approved();
		const other = await meetingTypeId(db(), '专题会议');
		const n1 = await issueMinutes(db(), m1.office.actor, m1.id);
		const n2 = await issueMinutes(db(), m2.office.actor, m2.id);
		expect([n1, n2].map((n) => n.replace(/^〔\d{4}〕/, ''))).toEqual(['1号', '2号']);
		const m3 = await approved({ typeId: other });
		const n3 = await issueMinutes(db(), m3.office.actor, m3.id);
		expect(n3.replace(/^〔\d{4}〕/, '')).toBe('1号');
		// The office corrected the type after the draft: the number comes from the type it has now.
		const m4 = await approved();
		await db().updateTable('meetings').set({ type_id: other }).where('id', '=', m4.id).execute();
		const n4 = await issueMinutes(db(), m4.office.actor, m4.id);
		expect(n4.replace(/^〔\d{4}〕/, '')).toBe('2号');
		expect((await getMinutes(db(), m4.office.actor, m4.id)).minutes?.meetingTypeId).toBe(other);
	});

	it("a new draft starts from the meeting type's template; the admin edits it", async () => {
		const admin = await newUser(db(), { roles: ['admin'] });
		const type = await meetingTypeId(db(), '局长办公会议');
		await updateMeetingType(db(), admin.actor, type, {
			name: '局长办公会议',
			sortOrder: 30,
			minutesTemplate: '会议听取了……汇报。现纪要如下：'
		});
		// Saved again without the field (an older form): the template stays.
		await updateMeetingType(db(), admin.actor, type, { name: '局长办公会议', sortOrder: 31 });
		const f = await heldMeeting(db(), { typeId: type });
		const fresh = await getMinutes(db(), f.recorder.actor, f.id);
		expect(fresh.minutes).toBeNull();
		expect(fresh.template).toBe('会议听取了……汇报。现纪要如下：');
		// Only a drafter is given it (the host reads, the office may draft too).
		expect((await getMinutes(db(), f.host.actor, f.id)).template).toBe('');
		expect((await getMinutes(db(), f.office.actor, f.id)).template).toBe(
			'会议听取了……汇报。现纪要如下：'
		);
		await saveMinutesDraft(db(), f.recorder.actor, f.id, { body: '会议听取了预算汇报。' });
		const saved = await getMinutes(db(), f.recorder.actor, f.id);
		expect(saved.minutes?.body).toBe('会议听取了预算汇报。');
		expect(saved.template).toBe('');
	});

	it('a group study (集中学习) starts from the study template and is issued like any minutes', async () => {
		const study = await meetingTypeId(db(), '集中学习');
		const f = await heldMeeting(db(), { typeId: study, title: '机关集中学习' });
		const v = await getMinutes(db(), f.recorder.actor, f.id);
		expect(v.template).toContain('学习内容：');
		expect(v.template).toContain('交流发言：');
		expect(v.meeting.typeName).toBe('集中学习');
		await saveMinutesDraft(db(), f.recorder.actor, f.id, {
			body: v.template.replace('学习内容：……', '学习内容：党的二十届四中全会精神')
		});
		await submitMinutes(db(), f.recorder.actor, f.id);
		await approveMinutes(db(), f.host.actor, f.id);
		const number = await issueMinutes(db(), f.office.actor, f.id);
		expect(number).toMatch(/^〔\d{4}〕1号$/);
		const issued = await getMinutes(db(), f.a.actor, f.id);
		expect(issued.minutes?.body).toContain('学习内容：党的二十届四中全会精神');
	});

	it('prints and downloads as .docx with the number, decisions and attendance', async () => {
		const f = await approved({ title: '年终工作专题会议' });
		await replyToMeeting(db(), f.a.actor, f.id, { reply: 'attend' });
		await replyToMeeting(db(), f.b.actor, f.id, { reply: 'excused', reason: '出差' });
		const number = await issueMinutes(db(), f.office.actor, f.id);
		const view = await getMinutes(db(), f.a.actor, f.id);
		const doc = minutesDocument(view, { officeName: '某市某局', timeZone: 'Asia/Shanghai' });
		expect(doc).toMatchObject({
			number,
			draftMark: '',
			title: '年终工作专题会议',
			decisions: [
				'一、做好年终考核工作（牵头单位：财务科；配合单位：人事科；完成时限：2026年12月31日）',
				'二、统筹安排节日值班'
			],
			attendance: ['出席：孙明', '请假：周红（出差）', '记录：洪记录'],
			printedBy: '某市某局办公室'
		});
		const zip = await JSZip.loadAsync(await buildMinutesDocx(doc));
		const xml = await zip.file('word/document.xml')!.async('string');
		for (const text of [
			number,
			'年终工作专题会议',
			'会议研究了年终工作。',
			'一、做好年终考核工作',
			'二、统筹安排节日值班',
			'出席：孙明',
			'请假：周红（出差）',
			'仿宋_GB2312'
		]) {
			expect(xml).toContain(text);
		}
		expect(xml).toContain('w:w="11906"'); // A4: 210 mm wide
	});

	it('a draft prints with the 征求意见稿 mark and no number', async () => {
		const f = await heldMeeting(db(), { classification: 'secret' });
		await saveMinutesDraft(db(), f.recorder.actor, f.id, draftForm(f.deptA, f.deptB));
		const doc = minutesDocument(await getMinutes(db(), f.recorder.actor, f.id), {
			officeName: '某市某局',
			timeZone: 'Asia/Shanghai'
		});
		expect(doc).toMatchObject({
			number: '',
			draftMark: '征求意见稿',
			classification: '秘密',
			printedBy: ''
		});
	});
});
