// A leaked key: when the answers circulate, facility (the share of correct answers) jumps on the
// days after, and so does the share of perfect scores. Per question and per day of the round
// (days in Asia/Ho_Chi_Minh, UTC+7, counted from the day the round opened), and a jump flagged
// when day d's share exceeds day 1's by at least 15 points and the two-proportion z-test gives
// z ≥ 3, each day having at least 30 attempts: a real leak moves shares by tens of points
// (23.5 % perfect scores in a first week, 43–59 % later), noise on a few hundred attempts does not.

export const VIETNAM_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;
export const JUMP_MIN_POINTS = 0.15;
export const JUMP_MIN_Z = 3;
export const JUMP_MIN_N = 30;

/** Day of the round (0 = the day it opened), in Vietnam's calendar. */
export function roundDay(opensAt: number, at: number): number {
	return Math.floor((at + VIETNAM_OFFSET_MS) / DAY_MS) - Math.floor((opensAt + VIETNAM_OFFSET_MS) / DAY_MS);
}

export interface DayShare {
	day: number;
	n: number;
	hits: number;
	share: number;
	/** the share is a jump from day 0's */
	jump: boolean;
	z: number | null;
}

/** Two-proportion z of p2 over p1 (pooled). */
export function twoProportionZ(h1: number, n1: number, h2: number, n2: number): number | null {
	if (n1 === 0 || n2 === 0) return null;
	const p = (h1 + h2) / (n1 + n2);
	const se = Math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2));
	if (se === 0) return null;
	return (h2 / n2 - h1 / n1) / se;
}

/** Shares by day from per-day counts, each compared with day 0 (or the first day with attempts). */
export function sharesByDay(counts: ReadonlyMap<number, { n: number; hits: number }>): DayShare[] {
	const days = [...counts.keys()].sort((a, b) => a - b);
	if (days.length === 0) return [];
	const base = counts.get(days[0])!;
	return days.map((day) => {
		const c = counts.get(day)!;
		const share = c.n > 0 ? c.hits / c.n : 0;
		const z = day === days[0] ? null : twoProportionZ(base.hits, base.n, c.hits, c.n);
		const jump =
			z !== null &&
			base.n >= JUMP_MIN_N &&
			c.n >= JUMP_MIN_N &&
			share - base.hits / base.n >= JUMP_MIN_POINTS &&
			z >= JUMP_MIN_Z;
		return { day, n: c.n, hits: c.hits, share, jump, z: z === null ? null : Math.round(z * 100) / 100 };
	});
}

export interface LeakReport {
	/** per question (its id): the facility by day */
	questions: { questionId: string; days: DayShare[]; jump: boolean }[];
	perfect: DayShare[];
	perfectJump: boolean;
}

export interface LeakInputAttempt {
	finishedAt: number;
	perfect: boolean;
	items: readonly { questionId: string; correct: boolean }[];
}

/** The report from attempts (the small case); the server builds it from grouped counts the same way. */
export function leakReport(opensAt: number, attempts: readonly LeakInputAttempt[]): LeakReport {
	const perQuestion = new Map<string, Map<number, { n: number; hits: number }>>();
	const perfect = new Map<number, { n: number; hits: number }>();
	for (const a of attempts) {
		const day = roundDay(opensAt, a.finishedAt);
		bump(perfect, day, a.perfect);
		for (const item of a.items) {
			let days = perQuestion.get(item.questionId);
			if (!days) perQuestion.set(item.questionId, (days = new Map()));
			bump(days, day, item.correct);
		}
	}
	return leakReportFromCounts(perQuestion, perfect);
}

export function leakReportFromCounts(
	perQuestion: ReadonlyMap<string, ReadonlyMap<number, { n: number; hits: number }>>,
	perfect: ReadonlyMap<number, { n: number; hits: number }>
): LeakReport {
	const questions = [...perQuestion].map(([questionId, counts]) => {
		const days = sharesByDay(counts);
		return { questionId, days, jump: days.some((d) => d.jump) };
	});
	const perfectDays = sharesByDay(perfect);
	return { questions, perfect: perfectDays, perfectJump: perfectDays.some((d) => d.jump) };
}

function bump(map: Map<number, { n: number; hits: number }>, day: number, hit: boolean): void {
	const c = map.get(day) ?? { n: 0, hits: 0 };
	c.n++;
	if (hit) c.hits++;
	map.set(day, c);
}
