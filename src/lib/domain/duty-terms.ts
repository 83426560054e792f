/**
 * The duty module's fixed vocabularies, declared once: the database schema, the form schemas,
 * the rules and the pages all take them from here.
 */

/** 带班领导 and 值班人员. */
export const DUTY_ROLES = ['leader', 'officer'] as const;
export type DutyRole = (typeof DUTY_ROLES)[number];

/** What a duty log entry records: a call, a visit or an incident. */
export const DUTY_LOG_KINDS = ['call', 'visit', 'incident'] as const;
export type DutyLogKind = (typeof DUTY_LOG_KINDS)[number];
