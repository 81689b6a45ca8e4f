import type { AppContext } from '../context';
import type { ContestRow, RoundRow } from '../db/schema';
import { findContestById, findRoundByOrdinal, listRounds } from '../contests/contest.repository';
import { findPublishedContest } from '../contests/contest-page.service';
import { isLeaderboardVisible } from '../ranking/ranking.service';
import { getRoundAwards } from '../results/awards.service';
import { findGame } from '../live-games/game.repository';
import {
	cardKey,
	contestCard,
	gameCard,
	leaderboardCard,
	roundCard,
	winnersCard,
	type CardContest,
	type CardRound,
	type CardWinner,
	type ShareCard
} from './share-card';
import { createLru } from './share-cache';
import { renderCardPng } from './share-render';
import { findBannerBytes } from './share.repository';

// The share images of public pages (issue 17): each finds what its page shows — and only when the
// page itself would show it (a draft contest, a round not yet open where its page 404s, winners
// before the results are announced: none) — draws it once per content and keeps it.

export interface ShareImage {
	png: Buffer;
	/** the hash of what is drawn: the ETag, and the og:image URL's version */
	key: string;
}

/** About 100 kB an image: a few megabytes at most. */
const images = createLru<Promise<Buffer>>(48);

export function cardContestOf(
	contest: Pick<ContestRow, 'id' | 'title' | 'banner_mime' | 'banner_version'>
): CardContest {
	return {
		id: contest.id,
		title: contest.title,
		bannerMime: contest.banner_mime,
		bannerVersion: contest.banner_version
	};
}

export function cardRoundOf(round: Pick<RoundRow, 'name' | 'opens_at' | 'closes_at'>): CardRound {
	return { name: round.name, opensAt: round.opens_at, closesAt: round.closes_at };
}

/** The card's PNG: from the cache when the same content was drawn before, else drawn now. */
export async function drawShareImage(ctx: AppContext, card: ShareCard): Promise<ShareImage> {
	const key = cardKey(card);
	let png = images.get(key);
	if (!png) {
		png = (async () => {
			const banner = card.banner ? await findBannerBytes(ctx.db, card.banner.contestId, card.banner.version) : null;
			// a banner replaced since the card was read: draw without it, but keep nothing under this key
			if (card.banner && !banner) images.delete(key);
			return renderCardPng(card, banner);
		})();
		images.set(key, png);
		// a failed drawing is not kept: the next request tries again
		png.catch(() => images.delete(key));
	}
	return { png: await png, key };
}

/** Forgets every drawn image (benchmarks measure a cold drawing with it). */
export function clearShareImages(): void {
	images.clear();
}

async function publishedRound(ctx: AppContext, slug: string, ordinal: number) {
	const contest = await findPublishedContest(ctx, slug);
	const round =
		contest && Number.isInteger(ordinal) ? await findRoundByOrdinal(ctx.db, contest.id, ordinal) : undefined;
	return contest && round ? { contest, round } : null;
}

export async function findContestShareCard(ctx: AppContext, slug: string): Promise<ShareCard | null> {
	const contest = await findPublishedContest(ctx, slug);
	if (!contest) return null;
	const rounds = await listRounds(ctx.db, contest.id);
	return contestCard(cardContestOf(contest), rounds.map(cardRoundOf), ctx.clock.now());
}

export async function findRoundShareCard(ctx: AppContext, slug: string, ordinal: number): Promise<ShareCard | null> {
	const found = await publishedRound(ctx, slug, ordinal);
	return found ? roundCard(cardContestOf(found.contest), cardRoundOf(found.round), ctx.clock.now()) : null;
}

/** The leaderboard's page 404s before its round opens; so does its image. */
export async function findLeaderboardShareCard(
	ctx: AppContext,
	slug: string,
	ordinal: number
): Promise<ShareCard | null> {
	const found = await publishedRound(ctx, slug, ordinal);
	const now = ctx.clock.now();
	if (!found || now < found.round.opens_at) return null;
	const visible = isLeaderboardVisible(found.round, now);
	return leaderboardCard(cardContestOf(found.contest), cardRoundOf(found.round), visible, now);
}

/** The winners' page 404s before its round opens, and names nobody before the results are announced. */
export async function findWinnersShareCard(ctx: AppContext, slug: string, ordinal: number): Promise<ShareCard | null> {
	const found = await publishedRound(ctx, slug, ordinal);
	if (!found || ctx.clock.now() < found.round.opens_at) return null;
	const awards = await getRoundAwards(ctx, found.round);
	return winnersCard(cardContestOf(found.contest), cardRoundOf(found.round), awards ? winnersOf(awards.groups) : null);
}

/** The winners of every group, in the groups' order, as a card draws them: prize, name, unit. */
export function winnersOf(groups: { winners: CardWinner[] }[]): CardWinner[] {
	return groups.flatMap((g) => g.winners.map((w) => ({ prize: w.prize, fullName: w.fullName, unitName: w.unitName })));
}

/** The live game's join page shows any game its link names; so does its image. `address`: where to enter the PIN. */
export async function findGameShareCard(ctx: AppContext, gameId: string, address: string): Promise<ShareCard | null> {
	const game = await findGame(ctx.db, gameId);
	const contest = game ? await findContestById(ctx.db, game.contest_id) : undefined;
	if (!game || !contest) return null;
	return gameCard(
		cardContestOf(contest),
		{ title: game.title, pin: game.pin, ended: game.phase === 'podium' },
		address
	);
}
