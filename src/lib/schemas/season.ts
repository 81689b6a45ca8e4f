import { TZDate } from '@date-fns/tz';
import { z } from 'zod';
import { contestFormSchema, parseLocalDateTime } from './contest';
import { nameText } from './text';

// The season's forms (issue 15): weekly rounds, a round's copy, a contest's copy, a paper draw.

const TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** 'yyyy-MM-dd' → that day's 00:00 in Vietnam time, ms since epoch; null for no such day. */
export function parseLocalDate(value: string): number | null {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
	const ms = parseLocalDateTime(`${value}T00:00`);
	if (ms === null) return null;
	// 2026-02-30 rolls over to March: refuse a day the calendar does not have
	const back = new TZDate(ms, TIME_ZONE);
	const [y, m, d] = value.split('-').map(Number);
	return back.getFullYear() === y && back.getMonth() + 1 === m && back.getDate() === d ? ms : null;
}

const localDate = (message: string) =>
	z.string().transform((v, ctx) => {
		const ms = parseLocalDate(v.trim());
		if (ms === null) {
			ctx.addIssue({ code: 'custom', message });
			return z.NEVER;
		}
		return ms;
	});

const roundName = nameText({ min: 1, max: 100, message: 'error.season_name_prefix' });

/** N rounds, one a week, from a template round's blueprint, prizes and settings. */
export const weeklyRoundsSchema = z.object({
	templateRoundId: z.string().min(1, 'error.season_template_required'),
	/** the first week's Monday, 00:00 Vietnam time */
	firstMonday: localDate('error.season_first_monday').refine(
		(ms) => new TZDate(ms, TIME_ZONE).getDay() === 1,
		'error.season_first_monday'
	),
	weeks: z.coerce
		.number({ message: 'error.season_weeks' })
		.int('error.season_weeks')
		.min(1, 'error.season_weeks')
		.max(52, 'error.season_weeks'),
	namePrefix: roundName,
	firstNumber: z.coerce
		.number({ message: 'error.season_first_number' })
		.int('error.season_first_number')
		.min(1, 'error.season_first_number')
		.max(999, 'error.season_first_number')
});
export type WeeklyRoundsForm = z.infer<typeof weeklyRoundsSchema>;

/** The round editor's number of consecutive weeks for a new round ('' is one). */
export const seriesWeeksSchema = z.preprocess(
	(v) => (v === '' || v === null ? '1' : v),
	z.coerce
		.number({ message: 'error.season_weeks' })
		.int('error.season_weeks')
		.min(1, 'error.season_weeks')
		.max(52, 'error.season_weeks')
);

/** A copy of a round in the same contest, under a new name and window. */
export const duplicateRoundSchema = z.object({
	name: nameText({ min: 2, max: 120, message: 'error.round_name' }),
	opensAt: z.string().transform((v, ctx) => parseLocalDateTime(v) ?? invalid(ctx, 'error.datetime_invalid')),
	closesAt: z.string().transform((v, ctx) => parseLocalDateTime(v) ?? invalid(ctx, 'error.datetime_invalid'))
});
export type DuplicateRoundForm = z.infer<typeof duplicateRoundSchema>;

function invalid(ctx: z.RefinementCtx, message: string): never {
	ctx.addIssue({ code: 'custom', message });
	return z.NEVER;
}

/**
 * A copy of a contest: a new title and slug, and its rounds moved either to a new start date (the
 * first round opens that day at the same time of day) or by a number of days.
 */
export const duplicateContestSchema = z
	.object({
		title: contestFormSchema.shape.title,
		slug: contestFormSchema.shape.slug,
		startDate: z.string().trim(),
		shiftDays: z
			.string()
			.trim()
			.transform((v, ctx) => {
				if (v === '') return 0;
				const n = Number(v);
				return Number.isInteger(n) && Math.abs(n) <= 3660 ? n : invalid(ctx, 'error.season_shift_days');
			})
	})
	.transform((v, ctx) => {
		if (v.startDate === '') return { title: v.title, slug: v.slug, move: { days: v.shiftDays } as const };
		const start = parseLocalDate(v.startDate);
		if (start === null) {
			ctx.addIssue({ code: 'custom', message: 'error.season_start_date', path: ['startDate'] });
			return z.NEVER;
		}
		return { title: v.title, slug: v.slug, move: { startsOn: start } as const };
	});
export type DuplicateContestForm = z.infer<typeof duplicateContestSchema>;

/** A paper draw: the group it is drawn for and, to print the same paper again, its code. */
export const paperDrawSchema = z.object({
	group: z.string().min(1),
	seed: z
		.string()
		.trim()
		.regex(/^[A-Za-z0-9]{4,32}$/, 'error.season_paper_seed')
		.optional()
		.or(z.literal('').transform(() => undefined))
});
