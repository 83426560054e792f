import { expect, it } from 'vitest';
import { describeEachDialect } from '../testing/each-dialect';
import { auditCount, newUser } from '../testing/fixtures';
import {
	downloadAttachment,
	listAttachments,
	MAX_ATTACHMENT_BYTES,
	removeAttachment,
	uploadAttachment
} from './attachments.service';
import { createMeeting, issueNotice } from './meetings.service';
import { planForm } from './meetings.test-helpers';

describeEachDialect('meeting materials', ({ db }) => {
	async function meeting() {
		const o = await newUser(db(), { roles: ['office'] });
		const a = await newUser(db());
		const outsider = await newUser(db());
		const id = await createMeeting(db(), o.actor, await planForm(db(), { attendeeIds: [a.id] }));
		await issueNotice(db(), o.actor, id);
		return { o, a, outsider, id };
	}

	it('stores a file in the database for participants to download, byte for byte', async () => {
		const { o, a, id } = await meeting();
		const bytes = Buffer.from([0, 1, 2, 250, 255, 10, 13]);
		const aid = await uploadAttachment(db(), o.actor, id, {
			name: '年终总结（征求意见稿）.docx',
			type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
			bytes
		});
		expect((await listAttachments(db(), a.actor, id)).map((f) => [f.fileName, f.size])).toEqual([
			['年终总结（征求意见稿）.docx', 7]
		]);
		const file = await downloadAttachment(db(), a.actor, id, aid);
		expect(Buffer.compare(Buffer.from(file.content), bytes)).toBe(0);
		await removeAttachment(db(), o.actor, id, { attachmentId: aid });
		expect(await listAttachments(db(), a.actor, id)).toEqual([]);
	});

	it('refuses files over the limit or empty, and people who may not manage or see the meeting', async () => {
		const { o, a, outsider, id } = await meeting();
		const before = await auditCount(db());
		await expect(
			uploadAttachment(db(), o.actor, id, {
				name: 'big.pdf',
				type: 'application/pdf',
				bytes: Buffer.alloc(MAX_ATTACHMENT_BYTES + 1)
			})
		).rejects.toMatchObject({ fields: { file: '单个材料不能超过 10 MB' } });
		await expect(
			uploadAttachment(db(), o.actor, id, {
				name: 'empty.txt',
				type: 'text/plain',
				bytes: Buffer.alloc(0)
			})
		).rejects.toMatchObject({ fields: { file: '请选择要上传的文件' } });
		await expect(
			uploadAttachment(db(), a.actor, id, {
				name: 'x.txt',
				type: 'text/plain',
				bytes: Buffer.from('x')
			})
		).rejects.toThrow('forbidden');
		await expect(listAttachments(db(), outsider.actor, id)).rejects.toThrow('not found');
		expect(await auditCount(db())).toBe(before);
	});
});
