import type { DepartmentKind, Role } from '$lib/domain/roles';

/** The demo bureau: fictitious people, names chosen to exercise 姓氏笔画 ordering. */
export interface DemoDepartment {
	name: string;
	kind: DepartmentKind;
	sortOrder: number;
}

export interface DemoPerson {
	username: string;
	name: string;
	department: string;
	title: string;
	precedence: number;
	phone: string;
	email: string;
	workStartDate: string;
	roles: Role[];
}

export const DEMO_OFFICE_NAME = '某市某局';
export const DEMO_EMAIL_DOMAIN = 'huiban.example';

/** One account per kind of user, to suggest when the demo is loaded. */
export const DEMO_SAMPLE_USERNAMES = [
	'wangjianguo',
	'zhouwenbin',
	'huguoping',
	'dongminghui',
	'weizixuan',
	'shenjiayi'
] as const;

export const DEMO_DEPARTMENTS: readonly DemoDepartment[] = [
	{ name: '局领导', kind: 'leadership', sortOrder: 1 },
	{ name: '办公室', kind: 'office', sortOrder: 2 },
	{ name: '政策法规科', kind: 'section', sortOrder: 3 },
	{ name: '人事科', kind: 'section', sortOrder: 4 },
	{ name: '财务审计科', kind: 'section', sortOrder: 5 },
	{ name: '规划科', kind: 'section', sortOrder: 6 },
	{ name: '监督管理科', kind: 'section', sortOrder: 7 },
	{ name: '监察室', kind: 'section', sortOrder: 8 },
	{ name: '信息中心', kind: 'unit', sortOrder: 9 },
	{ name: '综合执法支队', kind: 'unit', sortOrder: 10 }
];

const LEADER: Role[] = ['leader'];
const HEAD: Role[] = ['dept_head', 'staff'];
const OFFICE_HEAD: Role[] = ['office', 'dept_head', 'staff'];
const OFFICE: Role[] = ['office', 'staff'];
const SUPERVISOR: Role[] = ['supervisor', 'staff'];
// 等保 三员分立: the security auditor holds no other role.
const AUDITOR: Role[] = ['auditor'];
const STAFF: Role[] = ['staff'];

type Row = [
	username: string,
	name: string,
	title: string,
	precedence: number,
	workStartDate: string,
	phone: string,
	roles: Role[]
];

function inDepartment(department: string, rows: Row[]): DemoPerson[] {
	return rows.map(([username, name, title, precedence, workStartDate, phone, roles]) => ({
		username,
		name,
		department,
		title,
		precedence,
		phone,
		email: `${username}@${DEMO_EMAIL_DOMAIN}`,
		workStartDate,
		roles
	}));
}

// Precedence: 局长 1, 副局长 2–5, then ten numbers per department in rank order; the gaps
// leave room for new people without renumbering everyone.
export const DEMO_PEOPLE: readonly DemoPerson[] = [
	...inDepartment('局领导', [
		['wangjianguo', '王建国', '局长', 1, '1988-08-01', '13805711153', LEADER],
		['chenzhiqiang', '陈志强', '副局长', 2, '1991-07-01', '13805719072', LEADER],
		['ouyangxiaodong', '欧阳晓东', '副局长', 3, '1993-09-01', '13805717991', LEADER],
		['liuweidong', '刘卫东', '副局长', 4, '1995-07-01', '13805716910', LEADER],
		['zhaolihua', '赵丽华', '副局长', 5, '1996-08-01', '13805715829', LEADER],
		['sunliqun', '孙立群', '党组成员', 6, '1994-03-01', '13805714748', LEADER]
	]),
	...inDepartment('办公室', [
		['zhouwenbin', '周文斌', '主任', 11, '1997-07-01', '13805718343', OFFICE_HEAD],
		['wuxiaoyan', '吴晓燕', '副主任', 12, '2002-08-01', '13805717262', OFFICE],
		['zhengkai', '郑凯', '副主任', 13, '2006-07-01', '13805716181', OFFICE],
		['dingyi', '丁一', '一级主任科员', 14, '2008-09-01', '13805715100', OFFICE],
		['fengxuemei', '冯雪梅', '科员', 15, '2015-07-01', '13805714019', OFFICE],
		['maxiao', '马骁', '科员', 16, '2019-08-01', '13805712938', OFFICE],
		['xujiaqi', '许佳琪', '科员', 17, '2022-07-01', '13805711857', OFFICE],
		['luxiaojun', '卢晓军', '科员', 18, '2023-08-01', '13805719776', OFFICE]
	]),
	...inDepartment('政策法规科', [
		['huguoping', '胡国平', '科长', 21, '1998-07-01', '13805716533', HEAD],
		['linhaiyan', '林海燕', '副科长', 22, '2007-07-01', '13805715452', STAFF],
		['wentao', '文涛', '一级主任科员', 23, '2004-09-01', '13805714371', STAFF],
		['hongshaodong', '洪少东', '科员', 24, '2013-07-01', '13805713290', STAFF],
		['xiongwei', '熊伟', '科员', 25, '2010-08-01', '13805712209', STAFF],
		['shenjiayi', '沈嘉怡', '科员', 26, '2020-08-01', '13805711128', STAFF]
	]),
	...inDepartment('人事科', [
		['huangshufen', '黄淑芬', '科长', 31, '1992-09-01', '13805714723', HEAD],
		['yangfan', '杨帆', '副科长', 32, '2010-07-01', '13805713642', STAFF],
		['lijing', '李静', '一级主任科员', 33, '2000-08-01', '13805712561', STAFF],
		['shilei', '石磊', '科员', 34, '2017-08-01', '13805711480', STAFF],
		['tanmin', '谭敏', '科员', 35, '2019-09-01', '13805719399', STAFF],
		// Same pinyin as 李静: the usual numeric suffix.
		['lijing2', '李晶', '科员', 36, '2023-07-01', '13805718318', STAFF]
	]),
	...inDepartment('财务审计科', [
		['qianweimin', '钱伟民', '科长', 41, '1996-07-01', '13805712913', HEAD],
		['hexiaoli', '何晓丽', '副科长', 42, '2009-08-01', '13805711832', STAFF],
		['caomin', '曹敏', '一级主任科员', 43, '2005-07-01', '13805719751', STAFF],
		['tianyuan', '田园', '科员', 44, '2016-07-01', '13805718670', STAFF],
		['jiangyuting', '蒋雨婷', '科员', 45, '2021-09-01', '13805717589', STAFF]
	]),
	...inDepartment('规划科', [
		['xuhaitao', '徐海涛', '科长', 51, '1999-07-01', '13805711103', HEAD],
		['liangsiyuan', '梁思远', '副科长', 52, '2008-07-01', '13805719022', STAFF],
		['simawenjing', '司马文静', '一级主任科员', 53, '2003-08-01', '13805717941', STAFF],
		['baizhigang', '白志刚', '科员', 54, '2011-08-01', '13805716860', STAFF],
		['hanbing', '韩冰', '科员', 55, '2014-07-01', '13805715779', STAFF],
		['tangshiyu', '唐诗雨', '科员', 56, '2024-07-01', '13805714698', STAFF]
	]),
	...inDepartment('监督管理科', [
		['gaojianhua', '高建华', '科长', 61, '1993-07-01', '13805718293', HEAD],
		['xiezhenyu', '谢振宇', '副科长', 62, '2006-08-01', '13805717212', STAFF],
		['panxiaofeng', '潘晓峰', '一级主任科员', 63, '2001-07-01', '13805716131', STAFF],
		['lvchao', '吕超', '科员', 64, '2012-09-01', '13805715050', STAFF],
		['zhuxiaolin', '朱小琳', '科员', 65, '2018-07-01', '13805713969', STAFF],
		['jiangyifan', '江一帆', '科员', 66, '2022-08-01', '13805712888', STAFF]
	]),
	...inDepartment('监察室', [
		['chenglixin', '程立新', '主任', 71, '1990-07-01', '13805716483', HEAD],
		['dongminghui', '董明辉', '副主任', 72, '2004-07-01', '13805715402', SUPERVISOR],
		['liaojing', '廖静', '一级主任科员', 73, '2016-08-01', '13805714321', STAFF],
		['caiwenhua', '蔡文华', '科员', 74, '2019-07-01', '13805713240', STAFF]
	]),
	...inDepartment('信息中心', [
		['jinzhenhua', '金振华', '主任', 81, '1997-09-01', '13805714673', HEAD],
		['songjiahui', '宋佳慧', '副主任', 82, '2009-07-01', '13805713592', STAFF],
		['weizixuan', '魏子轩', '安全审计员', 83, '2014-07-01', '13805712511', AUDITOR],
		['kongdeming', '孔德明', '工程师', 84, '2016-08-01', '13805711430', STAFF],
		['fangyuan', '方媛', '科员', 85, '2021-07-01', '13805719349', STAFF]
	]),
	...inDepartment('综合执法支队', [
		['ludayong', '鲁大勇', '支队长', 91, '1989-10-01', '13805712863', HEAD],
		['xuejianjun', '薛建军', '副支队长', 92, '2000-07-01', '13805711782', STAFF],
		['daizhiming', '戴志明', '大队长', 93, '2005-08-01', '13805719701', STAFF],
		['pengxiaomei', '彭晓梅', '科员', 94, '2013-07-01', '13805718620', STAFF],
		['zhangwei', '张伟', '执法队员', 95, '2011-07-01', '13805717539', STAFF],
		['zhanglei', '张磊', '执法队员', 96, '2015-09-01', '13805716458', STAFF],
		['dupeng', '杜鹏', '执法队员', 97, '2018-08-01', '13805715377', STAFF],
		['shangguanwen', '上官雯', '执法队员', 98, '2020-07-01', '13805714296', STAFF]
	])
];
