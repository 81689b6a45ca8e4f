import { isMessageKey, template, type Locale, type MessageKey } from './index';
import { vi } from './vi';

// What each page's browser code is given of the catalogue: the messages of its route, in the
// viewer's language only, sent by the root layout's load (so within the page's HTML or its
// __data.json) — never the whole catalogue in both languages, which was a third of the attempt
// page's JavaScript. An entry ending in '.' is an area (every key under that prefix); any other
// entry is one key. tests/unit/i18n-areas.test.ts reads each route's source and fails when a page
// can show a key its route is not given.

/** The messages a route's pages may show, by key. */
export type Messages = Partial<Record<MessageKey, string>>;

/** Every page: the header, the error page, tr()'s fallback, countdowns (tClock). */
const COMMON = [
	'app.',
	'nav.',
	'lang.',
	'countdown.',
	'error.title',
	'error.not_found',
	'error.generic',
	'error.back_home',
	'error.invalid',
	'error.forbidden'
];

/** The "Chia sẻ" button (ShareButton.svelte) on the pages that get shared. */
const SHARE = ['share.button', 'share.copied', 'share.copy_failed'];

/** The studio's layout (its navigation) on every studio page. */
const STUDIO = ['studio.', 'units.title'];

const ROUTES: Record<string, readonly string[]> = {
	'/': ['home.', 'game_play.home_link'],
	'/choi': ['game_play.', 'error.too_many_attempts'],
	'/choi/[gameId]': [
		'game_play.',
		'game_teams.play.',
		'register.unit',
		'register.unit_hint',
		'register.unit_placeholder',
		'register.unit_none',
		'register.unit_chosen',
		'register.unit_results',
		...SHARE
	],
	'/cuoc-thi/[slug]': ['contest.', 'results.link', 'privacy.link', 'notice.heading', ...SHARE],
	'/cuoc-thi/[slug]/dang-ky': ['error.', 'register.', 'privacy.consent_link', 'fair_play.'],
	'/cuoc-thi/[slug]/quyen-rieng-tu': ['privacy.', 'fair_play.'],
	'/cuoc-thi/[slug]/dot-thi/[n]': [
		'error.',
		'results.',
		'round.',
		'result.',
		'contest.leaderboard',
		'contest.status',
		'share.',
		'reach.inapp.',
		'reach.remind',
		'reach.remind_opening',
		'reach.remind_hint'
	],
	'/cuoc-thi/[slug]/dot-thi/[n]/bang-xep-hang': ['leaderboard.', ...SHARE],
	'/cuoc-thi/[slug]/dot-thi/[n]/giai-thuong': ['results.', ...SHARE, 'reach.inapp.'],
	'/cuoc-thi/[slug]/dot-thi/[n]/man-hinh': ['screen.'],
	'/cuoc-thi/[slug]/man-hinh': ['screen.'],
	'/dang-nhap': ['error.', 'login.'],
	'/ket-qua/[id]': ['result.', 'contest.status', 'error.prediction_invalid', 'attempt.listen', 'kinds.review.'],
	'/lam-bai/[id]': ['attempt.', 'error.prediction_invalid', 'kinds.play.'],
	'/tai-khoan': ['error.', 'account.', 'register.password_hint', 'privacy.', 'notice.heading', 'reach.'],
	'/tro-choi/[gameId]/man-hinh': ['game_stage.', 'game_teams.stage.'],
	'/studio/cuoc-thi': [...STUDIO],
	'/studio/cuoc-thi/moi': [...STUDIO, 'error.', 'register.', 'scope.'],
	'/studio/cuoc-thi/[contestId]': [
		...STUDIO,
		'error.',
		'register.',
		'scope.',
		'closing.link',
		'closing.overall_link',
		'contest.from_to',
		'contest.rounds',
		'game_studio.link',
		'accommodation.link',
		'leaderboard.group',
		'privacy.studio_link',
		'season.',
		'people.link',
		'participation.link',
		'notice.link'
	],
	'/studio/cuoc-thi/[contestId]/tuan-thi': [...STUDIO, 'season.', 'error.', 'difficulty.'],
	'/studio/cuoc-thi/[contestId]/nhan-ban': [...STUDIO, 'season.', 'error.', 'difficulty.'],
	'/studio/cuoc-thi/[contestId]/thi-sinh': [...STUDIO, 'people.'],
	'/studio/cuoc-thi/[contestId]/thi-sinh/[userId]': [
		...STUDIO,
		'people.',
		'error.',
		'results.prize.',
		'fairplay.signal.'
	],
	'/studio/cuoc-thi/[contestId]/tham-gia': [...STUDIO, 'participation.'],
	'/studio/cuoc-thi/[contestId]/thong-bao': [...STUDIO, 'notice.', 'error.'],
	'/studio/cuoc-thi/[contestId]/du-lieu-ca-nhan': [...STUDIO, 'privacy.', 'error.'],
	'/studio/cuoc-thi/[contestId]/ho-tro': [...STUDIO, 'accommodation.', 'error.'],
	'/studio/cuoc-thi/[contestId]/dot-thi/[roundId]': [
		...STUDIO,
		'error.',
		'difficulty.',
		'attempt.prediction',
		'dashboard.link',
		'leaderboard.group',
		'stats.link',
		'fairplay.link',
		'season.',
		'kinds.round_live_only'
	],
	'/studio/cuoc-thi/[contestId]/dot-thi/[roundId]/nhan-ban': [...STUDIO, 'season.', 'error.', 'difficulty.'],
	'/studio/cuoc-thi/[contestId]/dot-thi/[roundId]/ket-qua': [
		...STUDIO,
		'closing.',
		'results.prize.',
		'error.',
		'leaderboard.',
		'fairplay.link'
	],
	'/studio/cuoc-thi/[contestId]/dot-thi/[roundId]/ra-soat': [...STUDIO, 'fairplay.', 'error.'],
	'/studio/cuoc-thi/[contestId]/dot-thi/[roundId]/thong-ke': [
		...STUDIO,
		'stats.',
		'kinds.stats_wrong_typed_title',
		'kinds.stats_wrong_typed_hint',
		'kinds.stats_wrong_typed_item',
		'dashboard.',
		'difficulty.',
		'qtype.',
		'contest.from_to',
		'fairplay.leak_heading',
		'fairplay.leak_note',
		'fairplay.leak_perfect',
		'fairplay.leak_day',
		'fairplay.leak_jump',
		'fairplay.leak_none',
		'fairplay.question'
	],
	'/studio/cuoc-thi/[contestId]/dot-thi/[roundId]/truc-tiep': [
		...STUDIO,
		'dashboard.',
		'leaderboard.',
		'contest.from_to'
	],
	'/studio/cuoc-thi/[contestId]/tong-hop': [...STUDIO, 'closing.', 'leaderboard.'],
	'/studio/cuoc-thi/[contestId]/tro-choi': [...STUDIO, 'game_studio.', 'qtype.', 'difficulty.', 'error.'],
	'/studio/cuoc-thi/[contestId]/tro-choi/[gameId]': [
		...STUDIO,
		'game_studio.',
		'qtype.',
		'error.',
		'game_teams.studio.'
	],
	'/studio/cuoc-thi/[contestId]/tro-choi/[gameId]/dieu-khien': [...STUDIO, 'game_stage.', 'game_teams.stage.'],
	'/studio/don-vi': [...STUDIO, 'units.', 'error.', 'scope.'],
	'/studio/don-vi/nhap': [...STUDIO, 'units.', 'error.'],
	'/studio/ngan-hang': [...STUDIO, 'error.', 'scope.'],
	'/studio/ngan-hang/[bankId]': [...STUDIO, 'error.', 'difficulty.', 'qtype.', 'scope.', 'bulk.'],
	'/studio/ngan-hang/[bankId]/cau-hoi/[questionId]': [
		...STUDIO,
		'qtype.',
		'kinds.',
		'difficulty.',
		'bulk.shortfall',
		'error.',
		'attempt.choose_many',
		'attempt.choose_one',
		'attempt.question_n'
	],
	'/studio/ngan-hang/[bankId]/nhap': [...STUDIO, 'error.', 'qtype.', 'difficulty.', 'import.'],
	'/studio/nguoi-dung': [...STUDIO, 'error.', 'leaderboard.name', 'register.phone'],
	'/studio/nhat-ky': [...STUDIO]
};

const ALL_KEYS = Object.keys(vi).filter(isMessageKey);

/** The keys a route's pages are given: COMMON and its own entries (the whole catalogue for a route not listed). */
export function routeKeys(routeId: string | null): MessageKey[] {
	const own = routeId === null ? [] : ROUTES[routeId];
	if (own === undefined) return ALL_KEYS;
	const entries = [...COMMON, ...own];
	return ALL_KEYS.filter((key) => entries.some((e) => (e.endsWith('.') ? key.startsWith(e) : key === e)));
}

/** Whether areas.ts lists the route (a route missing falls back to the whole catalogue). */
export function isMappedRoute(routeId: string): boolean {
	return routeId in ROUTES;
}

// One object per route and language, built once: the layout's load runs on every navigation.
const cache = new Map<string, Messages>();

/** A route's messages in a language (Vietnamese where the language lacks a key). */
export function routeMessages(locale: Locale, routeId: string | null): Messages {
	const id = `${locale} ${routeId ?? ''}`;
	let messages = cache.get(id);
	if (!messages) {
		messages = Object.fromEntries(routeKeys(routeId).map((key) => [key, template(locale, key)]));
		cache.set(id, messages);
	}
	return messages;
}
