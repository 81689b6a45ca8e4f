import { TZDate } from '@date-fns/tz';
import { addDays, format, startOfDay } from 'date-fns';
import { translate } from '../../i18n';
import type { AppContext } from '../context';
import type { ContestRow, RoundRow } from '../db/schema';
import { countRealAttempts } from './contest-admin.service';
import { storedContestValues } from './contest-form';
import { findContestById, findRound, listGroups, listRounds } from './contest.repository';
import { listUnitChoices } from '../units/contest-units';

// What the studio's contest pages read. The routes check the organizer's grant first
// (requireContestManager); these answer null for what does not exist, which the routes show as 404.

/** Every unit, as the tree reads top-down: what a contest's root unit is chosen from. */
export function listRootUnitChoices(ctx: AppContext) {
	return listUnitChoices(ctx.db);
}

export async function findManagedContest(ctx: AppContext, contestId: string): Promise<ContestRow | null> {
	return (await findContestById(ctx.db, contestId)) ?? null;
}

/** The contest and one of its rounds; null when either is missing or the round is another contest's. */
export async function findContestRound(
	ctx: AppContext,
	contestId: string,
	roundId: string
): Promise<{ contest: ContestRow; round: RoundRow } | null> {
	const [contest, round] = await Promise.all([findContestById(ctx.db, contestId), findRound(ctx.db, roundId)]);
	if (!contest || !round || round.contest_id !== contest.id) return null;
	return { contest, round };
}

/** The contest's settings form, its groups and its rounds with their real attempts. */
export async function getContestEditorPage(ctx: AppContext, contestId: string) {
	const { db } = ctx;
	const contest = await findContestById(db, contestId);
	if (!contest) return null;
	const [groups, rounds, units] = await Promise.all([
		listGroups(db, contest.id),
		listRounds(db, contest.id),
		listUnitChoices(db)
	]);
	return {
		contest: {
			id: contest.id,
			slug: contest.slug,
			title: contest.title,
			status: contest.status,
			bannerUrl: contest.banner_mime ? `/cuoc-thi/${contest.slug}/anh-bia?v=${contest.banner_version}` : null
		},
		values: storedContestValues(contest, groups),
		units,
		groups: groups.map((g) => ({ id: g.id, name: g.name })),
		rounds: await Promise.all(
			rounds.map(async (r) => ({
				id: r.id,
				ordinal: r.ordinal,
				name: r.name,
				opensAt: r.opens_at,
				closesAt: r.closes_at,
				attempts: await countRealAttempts(db, r.id)
			}))
		)
	};
}

const TIME_ZONE = 'Asia/Ho_Chi_Minh';
const localDay = (date: Date): string => format(date, 'yyyy-MM-dd');
const localDateTime = (ms: number): string => format(new TZDate(ms, TIME_ZONE), "yyyy-MM-dd'T'HH:mm");

/** The Monday 00:00 (Vietnam) at or after an instant. */
function mondayFrom(ms: number): TZDate {
	const day = startOfDay(new TZDate(ms, TIME_ZONE));
	// getDay(): 0 Sunday … 6 Saturday
	if (day.getDay() === 1 && day.getTime() === ms) return day;
	return addDays(day, (8 - day.getDay()) % 7 || 7);
}

/** "Tuần thi thứ 3" → its prefix and number; null for a name of another shape. */
const numberedName = (name: string): { prefix: string; n: number } | null => {
	const match = /^(.*\S)\s+(\d{1,4})$/.exec(name.trim());
	return match ? { prefix: match[1], n: Number(match[2]) } : null;
};

/**
 * The weekly-rounds form: the contest's rounds as templates, the first Monday after both today and
 * the end of every round (so the defaults never overlap one), and the weeks named and numbered on
 * from the latest round when it reads "<prefix> <n>" ("Tuần thi thứ 3" → "Tuần thi thứ", 4).
 */
export async function getWeeklyRoundsPage(ctx: AppContext, contestId: string) {
	const contest = await findContestById(ctx.db, contestId);
	if (!contest) return null;
	const rounds = await listRounds(ctx.db, contestId);
	const lastEnd = Math.max(ctx.clock.now() + 1, ...rounds.map((r) => r.closes_at));
	const latest = rounds.length > 0 ? numberedName(rounds[rounds.length - 1].name) : null;
	const numbers = latest
		? rounds.flatMap((r) => {
				const named = numberedName(r.name);
				return named && named.prefix === latest.prefix ? [named.n] : [];
			})
		: [];
	return {
		contest: { id: contest.id, title: contest.title },
		templates: rounds.map((r) => ({ id: r.id, name: r.name })),
		values: {
			templateRoundId: rounds.at(-1)?.id ?? '',
			firstMonday: localDay(mondayFrom(lastEnd)),
			weeks: '4',
			namePrefix: latest?.prefix ?? 'Tuần',
			firstNumber: String(latest ? Math.max(...numbers) + 1 : rounds.length + 1)
		}
	};
}

/** The contest-copy form: a suggested title and slug, and how many rounds come along. */
export async function getDuplicateContestPage(ctx: AppContext, contestId: string) {
	const contest = await findContestById(ctx.db, contestId);
	if (!contest) return null;
	const rounds = await listRounds(ctx.db, contestId);
	return {
		contest: { id: contest.id, title: contest.title },
		rounds: rounds.length,
		values: {
			title: translate('vi', 'season.copy_title', { title: contest.title }).slice(0, 200),
			slug: `${contest.slug}-ban-sao`.slice(0, 80),
			startDate: '',
			shiftDays: '0'
		}
	};
}

/** The round-copy form: the source's name and a window of the same length right after the contest's last round. */
export async function getDuplicateRoundPage(ctx: AppContext, contestId: string, roundId: string) {
	const found = await findContestRound(ctx, contestId, roundId);
	if (!found) return null;
	const { round } = found;
	const rounds = await listRounds(ctx.db, contestId);
	const opensAt = Math.max(...rounds.map((r) => r.closes_at));
	return {
		contest: { id: found.contest.id, title: found.contest.title },
		round: { id: round.id, name: round.name },
		values: {
			name: translate('vi', 'season.copy_title', { title: round.name }).slice(0, 120),
			opensAt: localDateTime(opensAt),
			closesAt: localDateTime(opensAt + (round.closes_at - round.opens_at))
		}
	};
}
