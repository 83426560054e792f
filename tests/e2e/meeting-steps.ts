import type { Page } from 'playwright-core';

/** What a journey types into 新建会议 for an ordinary meeting. */
export interface MeetingDraft {
	title: string;
	/** Meeting type; 工作会议 unless said. */
	type?: string;
	date: string;
	/** Only when the meeting ends on another day. */
	endDate?: string;
	start: string;
	end: string;
	/** A room by its option text, e.g. 第二会议室（20 座）; or a place typed in. */
	room?: string;
	place?: string;
	/** A department called whole as 出席. */
	department: string;
	topic: string;
}

/** Fills the new-meeting form as the office does, saves the draft and returns its path. */
export async function saveMeetingDraft(page: Page, d: MeetingDraft): Promise<string> {
	await page.goto('/meetings/new');
	await page.getByLabel('会议名称').fill(d.title);
	await page.getByLabel('会议类型').selectOption({ label: d.type ?? '工作会议' });
	await page.getByLabel('日期', { exact: true }).fill(d.date);
	await page.getByLabel('开始时间').fill(d.start);
	await page.getByLabel('结束时间').fill(d.end);
	if (d.endDate && d.endDate !== d.date) await page.getByLabel('结束日期').fill(d.endDate);
	if (d.room) await page.getByLabel('会议室').selectOption({ label: d.room });
	if (d.place) await page.getByLabel('会议地点').fill(d.place);
	await page.getByLabel(`${d.department} 全部门出席`).check();
	await page.getByLabel('第 1 项议题').fill(d.topic);
	await page.getByRole('button', { name: '保存草稿' }).click();
	await page.getByText('已保存').waitFor();
	return new URL(page.url()).pathname;
}

/**
 * 发出通知 on the meeting page, through its confirm step (which, when `reach` is given, must say
 * how many people the notice reaches), until the page says it went out.
 */
export async function issueNotice(page: Page, reach?: number): Promise<void> {
	await page.getByRole('button', { name: '发出通知' }).click();
	const dialog = page.getByRole('dialog', { name: '发出会议通知？' });
	if (reach !== undefined) await dialog.getByText(`将向 ${reach} 人发出会议通知`).waitFor();
	await dialog.getByRole('button', { name: '确认发出' }).click();
	await page.getByText('通知已发出').waitFor();
}
