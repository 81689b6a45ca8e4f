import { createHash } from 'node:crypto';
import type { PrizeTier } from '../../domain/types';
import type { MessageKey } from '../../i18n';
import { clip, roundWindowText, vi } from './share-text';

// What a share image draws, as plain data: the cache key is a hash of exactly this, so an image
// is drawn again when (and only when) something it shows changes — a new title, a round opening
// or closing, the results announced, a new banner. Nothing here may be personal beyond what the
// page itself shows in public: names and units of announced winners, never a phone, an e-mail,
// a birth date or an ID (the winners' rows carry none of them to begin with).

export interface ShareCard {
	/** the small line above the title: the contest's title, or the app's name */
	eyebrow: string;
	title: string;
	/** the round's window, a status */
	lines: string[];
	/** announced winners: prize, name, unit */
	winners: { prize: string; name: string; unit: string }[];
	/** the live game's PIN, drawn large */
	pin: string | null;
	/** the contest's banner, by version (the bytes are read only to draw) */
	banner: { contestId: string; version: number } | null;
}

/** The contest a card belongs to, as its pages have it. */
export interface CardContest {
	id: string;
	title: string;
	/** whether it has a banner, and its version */
	bannerMime: string | null;
	bannerVersion: number;
}

export interface CardRound {
	name: string;
	/** ms since epoch */
	opensAt: number;
	/** ms since epoch */
	closesAt: number;
}

export interface CardWinner {
	prize: PrizeTier;
	fullName: string;
	unitName: string;
}

/** Winners drawn at most: what fits under the title at a size a phone's preview still shows. */
export const MAX_DRAWN_WINNERS = 5;

function bannerOf(contest: CardContest): ShareCard['banner'] {
	return contest.bannerMime ? { contestId: contest.id, version: contest.bannerVersion } : null;
}

function card(contest: CardContest, parts: Partial<ShareCard> & { title: string }): ShareCard {
	return { eyebrow: contest.title, lines: [], winners: [], pin: null, banner: bannerOf(contest), ...parts };
}

/** The contest page: its title, and the open round's window (else the next round's, else the last's). */
export function contestCard(contest: CardContest, rounds: CardRound[], now: number): ShareCard {
	const current =
		rounds.find((r) => now >= r.opensAt && now < r.closesAt) ??
		rounds.find((r) => now < r.opensAt) ??
		rounds.at(-1) ??
		null;
	const line = current
		? vi('share.round_window', { round: current.name, window: roundWindowText(current, now) })
		: vi('share.no_rounds');
	return card(contest, { eyebrow: vi('app.name'), title: contest.title, lines: [line] });
}

export function roundCard(contest: CardContest, round: CardRound, now: number): ShareCard {
	return card(contest, { title: round.name, lines: [roundWindowText(round, now)] });
}

export function leaderboardCard(contest: CardContest, round: CardRound, visible: boolean, now: number): ShareCard {
	return card(contest, {
		title: vi('share.leaderboard_title', { round: round.name }),
		lines: [visible ? roundWindowText(round, now) : vi('share.leaderboard_hidden')]
	});
}

/** The winners page: `winners` null while the results are not announced (the page shows none then). */
export function winnersCard(contest: CardContest, round: CardRound, winners: CardWinner[] | null): ShareCard {
	const title = vi('share.winners_title', { round: round.name });
	if (winners === null) return card(contest, { title, lines: [vi('share.winners_pending')] });
	if (winners.length === 0) return card(contest, { title, lines: [vi('share.winners_none')] });
	const drawn = winners.slice(0, MAX_DRAWN_WINNERS).map((w) => ({
		prize: vi(`results.prize.${w.prize}` as MessageKey),
		name: w.fullName,
		unit: w.unitName
	}));
	const more = winners.length - drawn.length;
	return card(contest, { title, winners: drawn, lines: more > 0 ? [vi('share.winners_more', { n: more })] : [] });
}

/** The live game's join page: its title and PIN (the PIN only while players may still join). */
export function gameCard(
	contest: CardContest,
	game: { title: string; pin: string; ended: boolean },
	address: string
): ShareCard {
	if (game.ended) return card(contest, { title: game.title, lines: [vi('share.game_ended')] });
	return card(contest, {
		title: game.title,
		lines: [vi('share.game_kind'), vi('share.game_join', { address })],
		pin: game.pin
	});
}

/** The card's cache key and ETag: a hash of everything drawn. */
export function cardKey(card: ShareCard): string {
	return createHash('sha256').update(JSON.stringify(card)).digest('base64url').slice(0, 22);
}

/** The card in one sentence, for og:description. */
export function cardDescription(card: ShareCard, summary?: string): string {
	const parts = [
		summary ? clip(summary, 160) : null,
		card.winners.length > 0 ? card.winners.map((w) => `${w.prize}: ${w.name} (${w.unit})`).join('; ') : null,
		card.pin ? vi('share.game_pin', { pin: card.pin }) : null,
		...card.lines
	].filter((p): p is string => Boolean(p));
	return clip(parts.join(' · '), 300);
}
