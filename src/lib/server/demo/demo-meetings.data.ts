import type { Classification } from '../db/schema';

export const DEMO_ROOMS = [
	{
		name: '第一会议室',
		location: '机关大楼 5 楼',
		capacity: 40,
		equipment: '投影, 话筒',
		sortOrder: 10
	},
	{
		name: '第二会议室',
		location: '机关大楼 3 楼',
		capacity: 20,
		equipment: '电视, 白板',
		sortOrder: 20
	},
	{
		name: '党组会议室',
		location: '机关大楼 6 楼',
		capacity: 16,
		equipment: '话筒',
		sortOrder: 30
	},
	{
		name: '视频会议室',
		location: '机关大楼 4 楼',
		capacity: 30,
		equipment: '视频会议, 投影',
		sortOrder: 40
	},
	{
		name: '报告厅',
		location: '综合楼 1 楼',
		capacity: 200,
		equipment: '音响, 投影, 舞台',
		sortOrder: 50
	}
];

export interface DemoMeeting {
	title: string;
	type: string;
	start: string;
	end: string;
	room: number;
	who: 'leaders' | 'leaders+heads' | string[];
	agenda: string[];
	requirements?: string;
	classification?: Classification;
	/** The first 局领导 hosts it (and so approves its minutes). */
	ledByLeader?: boolean;
}

export const DEMO_SCHEDULE: DemoMeeting[] = [
	{
		title: '局务会议',
		type: '局务会议',
		start: '09:00',
		end: '11:00',
		room: 0,
		who: 'leaders+heads',
		agenda: ['传达上级会议精神', '研究年度重点工作推进情况', '审议有关制度修订稿'],
		requirements: '请各科室负责人准备本科室工作汇报，控制在 5 分钟以内。',
		ledByLeader: true
	},
	{
		title: '党组会议',
		type: '党组会议',
		start: '15:00',
		end: '17:00',
		room: 2,
		who: 'leaders',
		agenda: ['学习贯彻重要讲话精神', '研究干部人事事项'],
		classification: 'secret'
	},
	{
		title: '规划编制工作推进会',
		type: '专题会议',
		start: '10:00',
		end: '11:30',
		room: 1,
		who: ['规划科', '政策法规科'],
		agenda: ['规划初稿汇报', '征求意见情况', '下一步工作安排']
	},
	{
		title: '局长办公会议',
		type: '局长办公会议',
		start: '14:30',
		end: '16:30',
		room: 0,
		who: 'leaders+heads',
		agenda: ['研究财务预算调整事项', '研究信息化项目建设方案'],
		ledByLeader: true
	},
	{
		title: '机关集中学习',
		type: '集中学习',
		start: '14:30',
		end: '16:30',
		room: 4,
		who: ['办公室', '人事科', '财务审计科', '信息中心'],
		agenda: ['专题辅导报告', '交流研讨'],
		requirements: '请携带学习笔记本。',
		ledByLeader: true
	},
	{
		title: '安全生产工作会议',
		type: '工作会议',
		start: '09:30',
		end: '11:00',
		room: 3,
		who: ['监督管理科', '综合执法支队', '办公室'],
		agenda: ['通报近期安全生产形势', '部署节前安全检查']
	},
	{
		title: '信息化建设专题会',
		type: '专题会议',
		start: '15:00',
		end: '16:00',
		room: 1,
		who: ['信息中心', '办公室'],
		agenda: ['系统建设进度', '网络安全等级保护测评整改']
	}
];
