import { error } from '@sveltejs/kit';
import { findContestRound, findPublishedContest } from '$lib/server/contests/contest-page.service';
import { findViewerAward, getRoundAwards } from '$lib/server/results/awards.service';
import { collectiveRuleOf } from '$lib/server/results/close.service';
import { winnersShareMeta } from '$lib/server/share/share-pages';
import type { PageServerLoad } from './$types';

/** A round's winners, public: names, units, prizes, scores and times, nothing else personal. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { app } = locals;
	const contest = await findPublishedContest(app, params.slug);
	const round = contest ? await findContestRound(app, contest.id, Number(params.n)) : undefined;
	if (!contest || !round || app.clock.now() < round.opens_at) error(404, 'not_found');
	const [awards, viewer] = await Promise.all([
		getRoundAwards(app, round),
		findViewerAward(app, round.id, locals.user?.id ?? null)
	]);
	const share = winnersShareMeta(url.origin, contest, round, awards ? awards.groups : null);
	const heading = {
		contest: { slug: contest.slug, title: contest.title },
		round: { name: round.name, ordinal: round.ordinal },
		share
	};
	if (!awards) return { ...heading, announced: false as const };
	return {
		...heading,
		announced: true as const,
		predictionQuestion: round.prediction_question,
		actualValue: awards.close.actualValue,
		participants: awards.close.participants,
		computedAt: awards.close.computedAt,
		groups: awards.groups,
		collective: awards.collective,
		collectiveRule: collectiveRuleOf(round),
		viewerPrize: viewer.prize
	};
};
