import type { AppContext } from '../context';
import type { ContestRow, RoundRow } from '../db/schema';
import { contestCard, leaderboardCard, roundCard, winnersCard, type CardRound, type CardWinner } from './share-card';
import { cardContestOf, cardRoundOf, findGameShareCard, winnersOf } from './share-image.service';
import { shareMeta, type ShareMeta } from './share-meta';
import { vi } from './share-text';

// The share tags of each shared page, from what its load already read (no query of their own,
// but the game's): the same card its image route draws, so og:image's version is the image's ETag.

type Contest = Pick<ContestRow, 'id' | 'slug' | 'title' | 'summary' | 'banner_mime' | 'banner_version'>;
type Round = Pick<RoundRow, 'ordinal' | 'name' | 'opens_at' | 'closes_at'>;

const roundPath = (contest: Contest, round: Pick<RoundRow, 'ordinal'>): string =>
	`/cuoc-thi/${contest.slug}/dot-thi/${round.ordinal}`;

/** `origin`: the request URL's, which adapter-node builds from ORIGIN behind a proxy. */
export function contestShareMeta(origin: string, contest: Contest, rounds: CardRound[], now: number): ShareMeta {
	const card = contestCard(cardContestOf(contest), rounds, now);
	return shareMeta(origin, `/cuoc-thi/${contest.slug}`, card, { title: contest.title, summary: contest.summary });
}

/** `round`: as the round page has it (contest-page.service's summary). */
export function roundShareMeta(
	origin: string,
	contest: Contest,
	round: CardRound & { ordinal: number },
	now: number
): ShareMeta {
	const card = roundCard(
		cardContestOf(contest),
		{ name: round.name, opensAt: round.opensAt, closesAt: round.closesAt },
		now
	);
	return shareMeta(origin, roundPath(contest, round), card, { title: `${round.name} · ${contest.title}` });
}

export function leaderboardShareMeta(
	origin: string,
	contest: Contest,
	round: Round,
	visible: boolean,
	now: number
): ShareMeta {
	const card = leaderboardCard(cardContestOf(contest), cardRoundOf(round), visible, now);
	return shareMeta(origin, `${roundPath(contest, round)}/bang-xep-hang`, card, {
		title: `${vi('share.leaderboard_title', { round: round.name })} · ${contest.title}`
	});
}

/** `groups`: the announced awards' groups; null before the results are announced. */
export function winnersShareMeta(
	origin: string,
	contest: Contest,
	round: Round,
	groups: { winners: CardWinner[] }[] | null
): ShareMeta {
	const card = winnersCard(cardContestOf(contest), cardRoundOf(round), groups ? winnersOf(groups) : null);
	return shareMeta(origin, `${roundPath(contest, round)}/giai-thuong`, card, {
		title: `${vi('share.winners_title', { round: round.name })} · ${contest.title}`
	});
}

/** The live game's join page; null when there is no such game. */
export async function gameShareMeta(ctx: AppContext, url: URL, gameId: string): Promise<ShareMeta | null> {
	const card = await findGameShareCard(ctx, gameId, `${url.host}/choi`);
	if (!card) return null;
	return shareMeta(url.origin, `/choi/${gameId}`, card, { title: `${card.title} · ${vi('share.game_kind')}` });
}
