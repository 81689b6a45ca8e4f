import { z } from 'zod';
import { nameText } from './text';

// The organizer's forms for live games (studio): creating a game and editing it in the lobby.
// Messages are catalogue keys (game_studio.error.*); gameFieldErrors turns issues into
// { field: key } with field names as the forms name their inputs.

import {
	MAX_GAME_QUESTIONS,
	MAX_QUESTION_POINTS,
	MAX_TIME_LIMIT_SECONDS,
	MIN_QUESTION_POINTS,
	MIN_TIME_LIMIT_SECONDS
} from './live-game-limits';

export * from './live-game-limits';

const title = nameText({ min: 2, max: 120, message: 'game_studio.error.title' });

const required = (message: string) => z.string().trim().min(1, message);

const settingsShape = {
	title,
	scoring: z.enum(['accuracy', 'speed'], { message: 'game_studio.error.scoring' }),
	streakBonus: z.boolean(),
	joinMode: z.enum(['account', 'nickname', 'both'], { message: 'game_studio.error.join_mode' }),
	lateJoin: z.boolean(),
	screenOnly: z.boolean()
};

const timeLimitSeconds = z.coerce
	.number({ message: 'game_studio.error.time_limit' })
	.int('game_studio.error.time_limit')
	.min(MIN_TIME_LIMIT_SECONDS, 'game_studio.error.time_limit')
	.max(MAX_TIME_LIMIT_SECONDS, 'game_studio.error.time_limit');

const points = z.coerce
	.number({ message: 'game_studio.error.points' })
	.int('game_studio.error.points')
	.min(MIN_QUESTION_POINTS, 'game_studio.error.points')
	.max(MAX_QUESTION_POINTS, 'game_studio.error.points');

/** Where a new game's questions come from. */
const sourceSchema = z.discriminatedUnion(
	'kind',
	[
		// questions picked one by one, in the order picked
		z.object({
			kind: z.literal('bank'),
			bankId: required('game_studio.error.bank'),
			questionIds: z
				.array(z.string().min(1))
				.transform((ids) => [...new Set(ids)])
				.pipe(
					z
						.array(z.string())
						.min(1, 'game_studio.error.questions_none')
						.max(MAX_GAME_QUESTIONS, 'game_studio.error.questions_too_many')
				)
		}),
		// N active questions of the bank (or of one topic), drawn at random
		z.object({
			kind: z.literal('random'),
			bankId: required('game_studio.error.bank'),
			topicId: z
				.string()
				.trim()
				.transform((s) => s || null),
			count: z.coerce
				.number({ message: 'game_studio.error.random_count' })
				.int('game_studio.error.random_count')
				.min(1, 'game_studio.error.random_count')
				.max(MAX_GAME_QUESTIONS, 'game_studio.error.random_count')
		}),
		// one draw of a round's blueprint for one group, as an attempt would draw it
		z.object({
			kind: z.literal('round'),
			roundId: required('game_studio.error.round'),
			groupId: required('game_studio.error.group')
		})
	],
	{ message: 'game_studio.error.source' }
);
export type GameSource = z.infer<typeof sourceSchema>;
export type GameSourceKind = GameSource['kind'];

export const gameCreateSchema = z.object({ ...settingsShape, timeLimitSeconds, source: sourceSchema });
export type GameCreateInput = z.infer<typeof gameCreateSchema>;

export const gameUpdateSchema = z.object({
	...settingsShape,
	/** by position (0-based, as a string key): a question's error names its inputs */
	questions: z
		.record(z.string().regex(/^\d+$/), z.object({ timeLimitSeconds, points }))
		.transform((byPosition) =>
			Object.entries(byPosition).map(([position, q]) => ({ position: Number(position), ...q }))
		)
});
export type GameUpdateInput = z.infer<typeof gameUpdateSchema>;
export type GameSettingsInput = Omit<GameUpdateInput, 'questions'>;

const get = (form: FormData, key: string): string => String(form.get(key) ?? '');
const checked = (form: FormData, key: string): boolean => form.get(key) === 'on';

function settingsInput(form: FormData) {
	return {
		title: get(form, 'title'),
		scoring: get(form, 'scoring'),
		streakBonus: checked(form, 'streakBonus'),
		joinMode: get(form, 'joinMode'),
		lateJoin: checked(form, 'lateJoin'),
		screenOnly: checked(form, 'screenOnly')
	};
}

/** The create form's FormData in the shape gameCreateSchema checks. */
export function gameCreateInput(form: FormData): Record<string, unknown> {
	const kind = get(form, 'source');
	const source =
		kind === 'bank'
			? { kind, bankId: get(form, 'bankId'), questionIds: form.getAll('questionIds').map(String) }
			: kind === 'random'
				? { kind, bankId: get(form, 'bankId'), topicId: get(form, 'topicId'), count: get(form, 'randomCount') }
				: { kind, roundId: get(form, 'roundId'), groupId: get(form, 'groupId') };
	return { ...settingsInput(form), timeLimitSeconds: get(form, 'timeLimitSeconds'), source };
}

/** The edit form's FormData: settings, then `limit:<position>` and `points:<position>` per question. */
export function gameUpdateInput(form: FormData): Record<string, unknown> {
	const positions = [...form.keys()]
		.map((k) => /^limit:(\d+)$/.exec(k)?.[1])
		.filter((p): p is string => p !== undefined);
	return {
		...settingsInput(form),
		questions: Object.fromEntries(
			positions.map((p) => [p, { timeLimitSeconds: get(form, `limit:${p}`), points: get(form, `points:${p}`) }])
		)
	};
}

/** The form field an issue belongs to, as the inputs are named ('source.kind' is the 'source' radio). */
function fieldOf(path: readonly PropertyKey[]): string {
	if (path[0] === 'questions' && path[1] !== undefined) {
		return `${path[2] === 'points' ? 'points' : 'limit'}:${String(path[1])}`;
	}
	if (path[0] === 'source') {
		const key = String(path[1] ?? 'kind');
		return key === 'kind' ? 'source' : key === 'count' ? 'randomCount' : key;
	}
	return String(path[0] ?? 'form');
}

/** The first message of each field; messages that are not ours become the generic one. */
export function gameFieldErrors(error: z.ZodError): Record<string, string> {
	const out: Record<string, string> = {};
	for (const issue of error.issues) {
		const field = fieldOf(issue.path);
		if (field in out) continue;
		// game_studio.* keys, and the shared error.* ones (unsafe characters in the title)
		out[field] = /^(game_studio\.)?error\.|^game_studio\./.test(issue.message) ? issue.message : 'error.invalid';
	}
	return out;
}
