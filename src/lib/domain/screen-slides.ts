/**
 * What the audience screen rotates through, derived from one live state: the live counters, the
 * top of each group (only while scores are visible), and the unit standings a page at a time.
 * Pure, so the order and the paging are pinned by unit tests.
 */
import type { LiveGroup, LivePhase, LiveRoundState, LiveUnit } from './live-board';

/** Contestants per group slide. */
export const SCREEN_TOP = 20;
/** Units per standings slide. */
export const SCREEN_UNITS_PER_PAGE = 10;

export interface RankedUnit extends LiveUnit {
	rank: number;
	/** participants ÷ headcount in percent, null without a headcount */
	rate: number | null;
}

export type ScreenSlide =
	| { key: 'counters'; kind: 'counters' }
	| { key: string; kind: 'group'; group: LiveGroup }
	| { key: string; kind: 'units'; units: RankedUnit[]; page: number; pages: number };

const collator = new Intl.Collator('vi');

/** The units (a total row aside), highest participation rate first; then more participants, then the name. Units without a headcount go last. */
export function rankUnitsByRate(units: readonly LiveUnit[]): RankedUnit[] {
	return units
		.filter((u) => !u.total)
		.map((u) => ({ ...u, rank: 0, rate: u.headcount > 0 ? (100 * u.participants) / u.headcount : null }))
		.sort((a, b) => {
			if (a.rate !== b.rate) {
				if (a.rate === null) return 1;
				if (b.rate === null) return -1;
				return b.rate - a.rate;
			}
			return b.participants - a.participants || collator.compare(a.name, b.name);
		})
		.map((u, i) => ({ ...u, rank: i + 1 }));
}

/**
 * The slides of a state, in showing order. `groupId` limits the top lists to one group when it
 * names one of the state's groups.
 */
export function buildSlides(
	state: LiveRoundState,
	groupId: string | null = null,
	perPage = SCREEN_UNITS_PER_PAGE
): ScreenSlide[] {
	const slides: ScreenSlide[] = [{ key: 'counters', kind: 'counters' }];
	if (state.scoresVisible) {
		const chosen = state.groups.filter((g) => g.id === groupId);
		for (const group of chosen.length ? chosen : state.groups) {
			slides.push({
				key: `group:${group.id}`,
				kind: 'group',
				group: { ...group, rows: group.rows.slice(0, SCREEN_TOP) }
			});
		}
	}
	const ranked = rankUnitsByRate(state.units);
	const pages = Math.ceil(ranked.length / perPage);
	for (let page = 1; page <= pages; page++) {
		slides.push({
			key: `units:${page}`,
			kind: 'units',
			units: ranked.slice((page - 1) * perPage, page * perPage),
			page,
			pages
		});
	}
	return slides;
}

/** The round's phase at `now` (server time), so the screen turns over at the close without waiting for a packet. */
export function phaseAt(state: Pick<LiveRoundState, 'opensAt' | 'closesAt'>, now: number): LivePhase {
	if (now < state.opensAt) return 'upcoming';
	return now < state.closesAt ? 'open' : 'closed';
}

/** The slide `step` places after (or before, when negative) `key`, wrapping around; the first one when `key` is gone. */
export function stepSlide(slides: readonly ScreenSlide[], key: string, step: number): string {
	if (!slides.length) return key;
	const at = slides.findIndex((s) => s.key === key);
	if (at < 0) return slides[0].key;
	return slides[(((at + step) % slides.length) + slides.length) % slides.length].key;
}
