/**
 * The attendance lines of minutes (纪要), as the office writes them under the body (issue 10):
 * 出席 (a deputy as 张三（代李四）), 列席, 请假 (with the reason), 记录. Pure: the service gives
 * the meeting's participants and recorder.
 */
import type { ParticipantRole, ReplyKind } from './meetings';

export interface MinutesParticipant {
	name: string;
	role: ParticipantRole;
	reply: ReplyKind;
	/** The reason given with 请假. */
	reason?: string;
	/** Who came instead (reply 'deputy'). */
	deputyName?: string | null;
}

export interface AttendanceLines {
	/** 出席: attendees who came, a deputy as 张三（代李四）. */
	present: string[];
	/** 列席: observers who came (a deputy likewise). */
	observers: string[];
	/** 请假: attendees and observers excused, 李四（出差）. */
	excused: string[];
	/** 记录: the recorder. */
	recorder: string | null;
}

/** How one participant who came is written: the deputy in their place, or their own name. */
function cameAs(p: MinutesParticipant): string | null {
	if (p.reply === 'attend') return p.name;
	if (p.reply === 'deputy' && p.deputyName) return `${p.deputyName}（代${p.name}）`;
	return null;
}

/**
 * The lines in meeting order (the order given). 会务 staff are not listed; people who never
 * replied are not listed as present (the office corrects the draft by hand).
 */
export function attendanceLines(
	participants: readonly MinutesParticipant[],
	recorder: string | null = null
): AttendanceLines {
	const out: AttendanceLines = { present: [], observers: [], excused: [], recorder };
	for (const p of participants) {
		if (p.role === 'staff') continue;
		if (p.reply === 'excused') {
			const reason = p.reason?.trim();
			out.excused.push(reason ? `${p.name}（${reason}）` : p.name);
			continue;
		}
		const as = cameAs(p);
		if (as) (p.role === 'attendee' ? out.present : out.observers).push(as);
	}
	return out;
}

/** A line as printed: 出席：张三、李四（代王五）; empty lists print nothing. */
export function attendanceText(label: string, names: readonly string[]): string | null {
	return names.length ? `${label}：${names.join('、')}` : null;
}
