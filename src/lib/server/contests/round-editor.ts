import { collectiveRuleOf } from '../results/close.service';
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { DEFAULT_CRITERIA, type RankCriterion } from '../../domain/types';
import { parseLocalDateTime } from '../../schemas/contest';
import type { AppContext } from '../context';
import type { RoundRow } from '../db/schema';
import { listBanksFor, type Actor } from '../questions/bank-access';
import { countRealAttempts, NEW_ROUND_DEFAULTS } from './contest-admin.service';
import { countActiveByTopicAndDifficulty, countActiveLiveOnly, listTopicNames } from '../questions/question.repository';
import { findSuperiorBody } from '../results/awards.service';
import { findRound, listBlueprint, listGroups, listRounds } from './contest.repository';

const DAY = 24 * 3600 * 1000;
const localInput = (ms: number): string => format(new TZDate(ms, 'Asia/Ho_Chi_Minh'), "yyyy-MM-dd'T'HH:mm");

/** Everything the round editor shows: values, the bank's topics with what they hold, lock state. */
export async function loadRoundEditor(
	ctx: AppContext,
	actor: Actor,
	contestId: string,
	roundId: string | null,
	bankParam: string | null
) {
	const { db } = ctx;
	const now = ctx.clock.now();
	const round = roundId ? await findRound(db, roundId) : undefined;
	if (roundId && (!round || round.contest_id !== contestId)) return null;
	const groups = await listGroups(db, contestId);
	const blueprint = round ? await listBlueprint(db, round.id) : [];
	// Only the banks the actor may open: another contest's bank and its topics stay out of the page.
	const banks = (await listBanksFor(db, actor)).map((b) => ({ id: b.id, name: b.name }));
	const known = (id: string | undefined | null) => banks.find((b) => b.id === id)?.id;
	const bankId = known(bankParam) ?? known(blueprint[0]?.bank_id) ?? banks[0]?.id ?? '';
	const topics = await listTopicNames(db, bankId);
	const counts = await countActiveByTopicAndDifficulty(db, bankId);
	const available: Record<string, number> = {};
	for (const c of counts) available[`${c.topic_id}:${c.difficulty}`] = Number(c.n);
	const counted: Record<string, number> = {};
	for (const b of blueprint) {
		if (b.bank_id === bankId) counted[`${b.group_id ?? ''}:${b.topic_id}:${b.difficulty}`] = b.count;
	}
	const prizes = round ? (JSON.parse(round.prize_counts_json) as Record<string, Record<string, number>>) : {};
	const collective = round ? collectiveRuleOf(round) : { by: 'participation_rate' as const, count: 3, minRate: 0 };
	const notice = round ?? (await noticeDefaults(ctx, contestId));
	// A new round defaults to a week starting tomorrow at 00:00, Vietnam time.
	const opensDefault = parseLocalDateTime(localInput(now + DAY).slice(0, 10) + 'T00:00') ?? now;
	return {
		round: round ? { id: round.id, name: round.name, attempts: await countRealAttempts(db, round.id) } : null,
		groups: groups.map((g) => ({ id: g.id, name: g.name })),
		banks,
		bankId,
		topics,
		available,
		/** the bank's poll and word-cloud questions, left out of `available`: a round never draws them */
		liveOnly: bankId ? await countActiveLiveOnly(db, bankId) : 0,
		values: {
			name: round?.name ?? '',
			opensAt: localInput(round?.opens_at ?? opensDefault),
			closesAt: localInput(round?.closes_at ?? opensDefault + 7 * DAY),
			timeLimitMinutes: String(round ? round.time_limit_ms / 60_000 : NEW_ROUND_DEFAULTS.timeLimitMinutes),
			maxAttempts: String(round?.max_attempts ?? NEW_ROUND_DEFAULTS.maxAttempts),
			graceSeconds: String(round ? round.grace_ms / 1000 : NEW_ROUND_DEFAULTS.graceSeconds),
			predictionQuestion:
				round?.prediction_question ?? 'Theo bạn, đợt thi này có bao nhiêu người trả lời đúng tất cả các câu hỏi?',
			predictionKind: round?.prediction_kind ?? 'perfect_scores',
			criteria: round ? (JSON.parse(round.ranking_criteria_json) as RankCriterion[]) : [...DEFAULT_CRITERIA],
			visibility: round?.leaderboard_visibility ?? NEW_ROUND_DEFAULTS.visibility,
			showAnswersAfterClose: round ? round.show_answers_after_close === 1 : true,
			counted,
			prizes,
			excludePreviousWinners: round ? round.exclude_previous_winners === 1 : false,
			collective: {
				by: collective.by,
				count: collective.count,
				minRatePercent: Math.round(collective.minRate * 1000) / 10
			},
			noticeSuperior: notice.notice_superior ?? '',
			noticeNumber: notice.notice_number ?? '',
			noticeSignerTitle: notice.notice_signer_title ?? '',
			noticeSignerName: notice.notice_signer_name ?? ''
		}
	};
}

type NoticeSettings = Pick<
	RoundRow,
	'notice_superior' | 'notice_number' | 'notice_signer_title' | 'notice_signer_name'
>;

/**
 * A new round's notice settings: the contest's latest round's superior body and signer (the
 * number is each notice's own); without a superior body there, the one the unit tree suggests
 * ("UBND TỈNH …").
 */
async function noticeDefaults(ctx: AppContext, contestId: string): Promise<NoticeSettings> {
	const latest = (await listRounds(ctx.db, contestId)).at(-1);
	return {
		notice_superior: latest?.notice_superior ?? (await findSuperiorBody(ctx)),
		notice_number: null,
		notice_signer_title: latest?.notice_signer_title ?? null,
		notice_signer_name: latest?.notice_signer_name ?? null
	};
}
