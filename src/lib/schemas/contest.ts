import { TZDate } from '@date-fns/tz';
import { z } from 'zod';
import type { RankCriterion } from '../domain/types';
import { longText, nameText } from './text';

const TIME_ZONE = 'Asia/Ho_Chi_Minh';
const name = (min: number, max: number, message: string) => nameText({ min, max, message });
const text = (min: number, max: number, message: string) => longText({ min, max, message });

const fieldRule = z.enum(['required', 'optional', 'off']);

export const contestFormSchema = z.object({
	title: name(5, 200, 'error.contest_title'),
	slug: z
		.string()
		.trim()
		.toLowerCase()
		.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'error.contest_slug')
		.max(80, 'error.contest_slug'),
	summary: text(0, 1000, 'error.contest_summary'),
	rulesMarkdown: text(0, 50_000, 'error.contest_rules'),
	consentText: text(10, 2000, 'error.contest_consent'),
	// one group name a line
	groups: z
		.string()
		.transform((s) => s.split(/\r?\n/).filter((l) => l.trim() !== ''))
		.pipe(z.array(nameText({ max: 120, message: 'error.contest_groups' })))
		.transform((names) => [...new Set(names)])
		.pipe(z.array(z.string()).min(1, 'error.contest_groups').max(10, 'error.contest_groups')),
	birthDate: fieldRule,
	email: fieldRule,
	/** the top of the unit subtree the contest uses; '' (or absent): the whole tree */
	rootUnitId: z
		.string()
		.max(64, 'error.root_unit_unknown')
		.optional()
		.transform((s) => s || null)
});
export type ContestForm = z.infer<typeof contestFormSchema>;

/** 'yyyy-MM-ddTHH:mm' typed in Vietnam time → ms since epoch. */
export function parseLocalDateTime(value: string): number | null {
	const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
	if (!m) return null;
	const [, y, mo, d, h, mi] = m.map(Number);
	const ms = new TZDate(y, mo - 1, d, h, mi, TIME_ZONE).getTime();
	return Number.isNaN(ms) ? null : ms;
}

const dateTime = z.string().transform((v, ctx) => {
	const ms = parseLocalDateTime(v);
	if (ms === null) {
		ctx.addIssue({ code: 'custom', message: 'error.datetime_invalid' });
		return z.NEVER;
	}
	return ms;
});

const count = z.coerce
	.number({ message: 'error.count_invalid' })
	.int('error.count_invalid')
	.min(0, 'error.count_invalid')
	.max(500, 'error.count_invalid');
const criterion = z.enum(['score', 'prediction', 'duration', 'submittedAt']);
/** one line of the results notice's heading or signature; blank or absent: the notice's default */
const noticeLine = (message: string) =>
	name(0, 200, message)
		.transform((s) => s || null)
		.optional();

export const roundFormSchema = z
	.object({
		name: name(2, 120, 'error.round_name'),
		opensAt: dateTime,
		closesAt: dateTime,
		timeLimitMinutes: z.coerce
			.number({ message: 'error.time_limit' })
			.int('error.time_limit')
			.min(1, 'error.time_limit')
			.max(24 * 60, 'error.time_limit'),
		maxAttempts: z.coerce
			.number({ message: 'error.max_attempts' })
			.int('error.max_attempts')
			.min(1, 'error.max_attempts')
			.max(20, 'error.max_attempts'),
		graceSeconds: z.coerce
			.number({ message: 'error.grace' })
			.int('error.grace')
			.min(0, 'error.grace')
			.max(120, 'error.grace'),
		predictionQuestion: text(5, 500, 'error.prediction_question'),
		predictionKind: z.enum(['perfect_scores', 'participants']),
		criteria: z
			.array(criterion)
			.length(4)
			.refine((list) => new Set(list).size === 4, 'error.criteria_repeat'),
		visibility: z.enum(['live', 'after_close', 'never']),
		showAnswersAfterClose: z.boolean(),
		bankId: z.string().min(1, 'error.bank_required'),
		/** blueprint lines: group '' = every group */
		blueprint: z.array(
			z.object({
				groupId: z.string(),
				topicId: z.string().min(1),
				difficulty: z.enum(['easy', 'medium', 'hard']),
				count
			})
		),
		prizes: z.record(z.string(), z.object({ first: count, second: count, third: count, consolation: count })),
		excludePreviousWinners: z.boolean(),
		collective: z.object({
			by: z.enum(['participation_rate', 'participants', 'mean_score']),
			count: z.coerce
				.number({ message: 'error.collective_count' })
				.int('error.collective_count')
				.min(0, 'error.collective_count')
				.max(50, 'error.collective_count'),
			minRatePercent: z.coerce.number({ message: 'error.min_rate' }).min(0, 'error.min_rate').max(100, 'error.min_rate')
		}),
		noticeSuperior: noticeLine('error.notice_superior'),
		noticeNumber: noticeLine('error.notice_number'),
		noticeSignerTitle: noticeLine('error.notice_signer_title'),
		noticeSignerName: noticeLine('error.notice_signer_name')
	})
	.transform((v) => ({
		...v,
		criteria: v.criteria as RankCriterion[],
		blueprint: v.blueprint.filter((b) => b.count > 0)
	}));
export type RoundForm = z.infer<typeof roundFormSchema>;

/** Reads the round editor's FormData into the shape roundFormSchema checks. */
export function roundFormInput(form: FormData, groupIds: string[], topicIds: string[]): Record<string, unknown> {
	const get = (k: string): string => String(form.get(k) ?? '');
	const blueprint = ['', ...groupIds].flatMap((groupId) =>
		topicIds.flatMap((topicId) =>
			(['easy', 'medium', 'hard'] as const).map((difficulty) => ({
				groupId,
				topicId,
				difficulty,
				count: get(`bp:${groupId}:${topicId}:${difficulty}`) || '0'
			}))
		)
	);
	const prizes = Object.fromEntries(
		groupIds.map((g) => [
			g,
			{
				first: get(`prize:${g}:first`) || '0',
				second: get(`prize:${g}:second`) || '0',
				third: get(`prize:${g}:third`) || '0',
				consolation: get(`prize:${g}:consolation`) || '0'
			}
		])
	);
	return {
		name: get('name'),
		opensAt: get('opensAt'),
		closesAt: get('closesAt'),
		timeLimitMinutes: get('timeLimitMinutes'),
		maxAttempts: get('maxAttempts'),
		graceSeconds: get('graceSeconds'),
		predictionQuestion: get('predictionQuestion'),
		predictionKind: get('predictionKind'),
		criteria: [0, 1, 2, 3].map((i) => get(`criterion-${i}`)),
		visibility: get('visibility'),
		showAnswersAfterClose: form.get('showAnswersAfterClose') === 'on',
		bankId: get('bankId'),
		blueprint,
		prizes,
		excludePreviousWinners: form.get('excludePreviousWinners') === 'on',
		collective: {
			by: get('collectiveBy'),
			count: get('collectiveCount') || '0',
			minRatePercent: get('collectiveMinRate') || '0'
		},
		noticeSuperior: get('noticeSuperior'),
		noticeNumber: get('noticeNumber'),
		noticeSignerTitle: get('noticeSignerTitle'),
		noticeSignerName: get('noticeSignerName')
	};
}

/** The studio's status switch on a contest. */
export const contestStatusSchema = z.object({ status: z.enum(['draft', 'published', 'archived']) });
/** An organizer's preview attempt of a round, as one group. */
export const previewAttemptSchema = z.object({ roundId: z.string().min(1), groupId: z.string().min(1) });
