import { DIFFICULTY_LABELS, TYPE_LABELS } from '../../domain/import/validate';
import type { AlphaLevel, BucketCount, DayCount, ReviewReason, ScoreBucket } from '../../domain/statistics';
import { PRIZE_TIERS, type PrizeTier } from '../../domain/types';
import {
	DATE_FORMAT,
	DATE_TIME_FORMAT,
	DURATION_FORMAT,
	durationText,
	excelDate,
	excelDuration,
	excelWallTime,
	PERCENT_FORMAT,
	wallClockText,
	type TableColumn
} from './export-format';
import type { QuestionStatistic } from './statistics.service';

// The tables of the exports, column by column: Vietnamese headers, widths, types and formats.
// A column's value is what the workbook stores (numbers as numbers, instants as Vietnam wall-clock
// dates); its text, where given, is what the CSV says instead.

export const PRIZE_LABELS: Readonly<Record<PrizeTier, string>> = {
	first: 'Nhất',
	second: 'Nhì',
	third: 'Ba',
	consolation: 'Khuyến khích'
};

export function prizeLabel(prize: string | null): string | null {
	return prize !== null && (PRIZE_TIERS as readonly string[]).includes(prize) ? PRIZE_LABELS[prize as PrizeTier] : null;
}

/** One contestant's line of the results export: their best attempt, place and personal data. */
export interface ResultExportRow {
	rank: number;
	fullName: string;
	phone: string;
	email: string | null;
	/** yyyy-MM-dd */
	birthDate: string | null;
	unitName: string;
	/** the unit's ancestors, root first, joined by ' / ' */
	unitPath: string;
	groupName: string;
	score: number;
	maxScore: number;
	durationMs: number;
	/** ms since epoch */
	submittedAt: number;
	prediction: number | null;
	distance: number | null;
	prize: string | null;
	attemptId: string;
}

function vietnameseDate(isoDate: string): string {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
	return match ? `${match[3]}/${match[2]}/${match[1]}` : isoDate;
}

/** Who a contestant is, as the results and registration exports both write it. */
export type PersonExportFields = Pick<
	ResultExportRow,
	'fullName' | 'phone' | 'email' | 'birthDate' | 'unitName' | 'unitPath' | 'groupName'
>;

export const PERSON_COLUMNS: readonly TableColumn<PersonExportFields>[] = [
	{ header: 'Họ và tên', width: 28, value: (r) => r.fullName },
	// Text, never a number: the leading 0 is part of the phone number.
	{ header: 'Số điện thoại', width: 14, value: (r) => r.phone },
	{ header: 'Email', width: 28, value: (r) => r.email },
	{
		header: 'Ngày sinh',
		width: 12,
		numFmt: DATE_FORMAT,
		value: (r) => (r.birthDate ? excelDate(r.birthDate) : null),
		text: (r) => (r.birthDate ? vietnameseDate(r.birthDate) : '')
	},
	{ header: 'Đơn vị', width: 32, value: (r) => r.unitName },
	{ header: 'Đơn vị cấp trên', width: 36, value: (r) => r.unitPath || null },
	{ header: 'Đối tượng', width: 26, value: (r) => r.groupName }
];

export const RESULT_COLUMNS: readonly TableColumn<ResultExportRow>[] = [
	{ header: 'Hạng', width: 8, value: (r) => r.rank },
	...PERSON_COLUMNS,
	{ header: 'Điểm', width: 8, value: (r) => r.score },
	{ header: 'Điểm tối đa', width: 10, value: (r) => r.maxScore },
	{ header: 'Thời gian (giây)', width: 12, numFmt: '0.000', value: (r) => r.durationMs / 1000 },
	{
		header: 'Thời gian (phút:giây)',
		width: 12,
		numFmt: DURATION_FORMAT,
		value: (r) => excelDuration(r.durationMs),
		text: (r) => durationText(r.durationMs)
	},
	{
		header: 'Nộp lúc',
		width: 17,
		numFmt: DATE_TIME_FORMAT,
		value: (r) => excelWallTime(r.submittedAt),
		text: (r) => wallClockText(r.submittedAt)
	},
	{ header: 'Dự đoán', width: 10, value: (r) => r.prediction },
	{ header: 'Chênh lệch dự đoán', width: 12, value: (r) => r.distance },
	{ header: 'Giải', width: 13, value: (r) => prizeLabel(r.prize) },
	{ header: 'Mã lượt thi', width: 24, value: (r) => r.attemptId }
];

/** A unit's standing in the units export. */
export interface UnitExportRow {
	name: string;
	/** the unit's ancestors, root first, joined by ' / ' */
	path: string;
	/** 1 under no parent */
	depth: number;
	participants: number;
	headcount: number;
	/** participants ÷ headcount, 0–1 (may exceed 1), null without headcount */
	rate: number | null;
	/** mean best score in percent, 0–100 */
	meanPercent: number | null;
	perfect: number;
	/** place by the collective criterion, top-level units only */
	rank: number | null;
	/** collective prize label, null for none */
	prize: string | null;
}

const UNIT_FIGURES: readonly TableColumn<UnitExportRow>[] = [
	{ header: 'Số người dự thi', width: 12, value: (u) => u.participants },
	{ header: 'Số người (biên chế)', width: 12, value: (u) => u.headcount },
	{ header: 'Tỷ lệ tham gia', width: 11, numFmt: PERCENT_FORMAT, value: (u) => u.rate },
	{ header: 'Điểm bình quân (%)', width: 11, numFmt: '0.0', value: (u) => u.meanPercent },
	{ header: 'Số người đạt điểm tối đa', width: 13, value: (u) => u.perfect }
];

/** The units a standings table shows, in collective order. */
export const UNIT_STANDING_COLUMNS: readonly TableColumn<UnitExportRow>[] = [
	{ header: 'Hạng', width: 8, value: (u) => u.rank },
	{ header: 'Đơn vị', width: 40, value: (u) => u.name },
	{ header: 'Giải tập thể', width: 13, value: (u) => u.prize },
	...UNIT_FIGURES
];

/** Every unit of the tree, its figures rolled up over its sub-units. */
export const UNIT_TREE_COLUMNS: readonly TableColumn<UnitExportRow>[] = [
	{ header: 'Đơn vị', width: 40, value: (u) => u.name },
	{ header: 'Đơn vị cấp trên', width: 44, value: (u) => u.path || null },
	{ header: 'Cấp', width: 6, value: (u) => u.depth },
	...UNIT_FIGURES,
	{ header: 'Hạng (giải tập thể)', width: 10, value: (u) => u.rank },
	{ header: 'Giải tập thể', width: 13, value: (u) => u.prize }
];

const REVIEW_LABELS: Readonly<Record<ReviewReason, string>> = {
	too_easy: 'Quá dễ',
	too_hard: 'Quá khó',
	negative_discrimination: 'Độ phân biệt âm',
	low_discrimination: 'Độ phân biệt thấp'
};

export const QUESTION_COLUMNS: readonly TableColumn<QuestionStatistic>[] = [
	{ header: 'Câu hỏi', width: 70, value: (q) => q.text },
	{ header: 'Chủ đề', width: 28, value: (q) => q.topic },
	{ header: 'Loại', width: 14, value: (q) => TYPE_LABELS[q.type] ?? q.type },
	{ header: 'Mức độ', width: 12, value: (q) => DIFFICULTY_LABELS[q.difficulty] ?? q.difficulty },
	{ header: 'Số lượt ra đề', width: 11, value: (q) => q.n },
	{ header: 'Số lượt trả lời đúng', width: 12, value: (q) => q.correct },
	{ header: 'Tỷ lệ trả lời đúng', width: 11, numFmt: PERCENT_FORMAT, value: (q) => q.facility },
	{ header: 'Độ phân biệt', width: 11, numFmt: '0.00', value: (q) => q.discrimination },
	{ header: 'Cần xem lại', width: 24, value: (q) => q.review.map((r) => REVIEW_LABELS[r]).join(', ') || null },
	{ header: 'Thứ hạng sai nhiều', width: 11, value: (q) => q.missedRank },
	{ header: 'Mã câu hỏi', width: 24, value: (q) => q.questionId }
];

const BUCKET_LABELS: Readonly<Record<ScoreBucket, string>> = {
	zero: '0 điểm',
	low: 'Dưới 25%',
	middle: 'Từ 25% đến dưới 75%',
	high: 'Từ 75% đến dưới 100%',
	perfect: 'Điểm tối đa (100%)'
};

export const DISTRIBUTION_COLUMNS: readonly TableColumn<BucketCount>[] = [
	{ header: 'Mức điểm', width: 24, value: (b) => BUCKET_LABELS[b.bucket] },
	{ header: 'Số người', width: 12, value: (b) => b.count },
	{ header: 'Tỷ lệ', width: 10, numFmt: PERCENT_FORMAT, value: (b) => b.share }
];

export const DAY_COLUMNS: readonly TableColumn<DayCount>[] = [
	{
		header: 'Ngày',
		width: 12,
		numFmt: DATE_FORMAT,
		value: (d) => excelWallTime(d.start),
		text: (d) => wallClockText(d.start, false)
	},
	{ header: 'Số lượt thi', width: 12, value: (d) => d.attempts },
	{ header: 'Số người thi lần đầu', width: 14, value: (d) => d.newContestants }
];

export const ALPHA_LABELS: Readonly<Record<AlphaLevel, string>> = {
	good: 'Tốt (từ 0,75)',
	acceptable: 'Chấp nhận được (0,64 – 0,75)',
	low: 'Thấp (dưới 0,64)'
};
