import { randomBytes, randomInt } from 'node:crypto';
import { drawAttempt } from '../../domain/draw';
import { shuffleAway } from '../../domain/live-game-kinds';
import type { OptionDef } from '../../domain/types';
import type { GameSource } from '../../schemas/live-game';
import { loadDrawInputs } from '../attempts/draw.service';
import { findRound, listGroups } from '../contests/contest.repository';
import type { Actor } from '../contests/contest-access';
import type { Db } from '../db/database';
import { openBank } from '../questions/bank-access';
import { listTopics } from '../questions/question.repository';
import { listCurrentVersions, listPickableQuestions, listQuestionVersions, type GameOption } from './game.repository';

// Where a new game's questions come from (game.service.ts): picked from a bank, drawn at random
// from a bank, or one draw of a round's blueprint. Expected refusals are values with the form
// field they belong to.

export type GameFailureReason =
	| 'forbidden'
	| 'contest_not_found'
	| 'bank_not_found'
	| 'topic_not_found'
	| 'question_unavailable'
	| 'not_enough_questions'
	| 'round_not_found'
	| 'group_not_found'
	| 'draw_failed'
	| 'no_questions'
	| 'too_many_questions'
	| 'game_not_found'
	| 'not_in_lobby'
	| 'unknown_question';

/** An expected refusal: `field` is the form input it belongs to ('form' for the whole form). */
export interface GameFailure {
	ok: false;
	reason: GameFailureReason;
	field: string;
	params?: Record<string, string | number>;
}

export const refuse = (reason: GameFailureReason, field = 'form', params?: GameFailure['params']): GameFailure => ({
	ok: false,
	reason,
	field,
	...(params ? { params } : {})
});

export interface PickedQuestion {
	questionId: string;
	versionId: string;
	type: string;
	text: string;
	options: OptionDef[];
	/** the version's settings_json (ordering's scoring, numeric's answer, text matching), copied as is */
	settingsJson: string | null;
}

type VersionRow = Awaited<ReturnType<typeof listCurrentVersions>>[number];

const picked = (v: VersionRow): PickedQuestion => ({
	questionId: v.questionId,
	versionId: v.versionId,
	type: v.type,
	text: v.text,
	options: JSON.parse(v.options_json) as OptionDef[],
	settingsJson: v.settings_json ?? null
});

/** Fisher–Yates with the operating system's randomness: a game's order is not reproducible. */
function cryptoShuffle<T>(items: readonly T[]): T[] {
	const out = items.slice();
	for (let i = out.length - 1; i > 0; i--) {
		const j = randomInt(i + 1);
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}

/**
 * Options in the order the game shows them: shuffled once, except true/false keeps Đúng, Sai. An
 * ordering's items are stored as shown, each with its place in the right order, and are never
 * shown in the right order; a short answer's accepted answers keep their order (they are never
 * shown before the reveal); a poll keeps its order and has no correct option.
 */
export function gameOptions(q: PickedQuestion): GameOption[] {
	const image = (o: OptionDef) => (o.image ? { image: o.image } : {});
	if (q.type === 'ordering') {
		const placed = q.options.map((o, order) => ({ text: o.text, correct: false, ...image(o), order }));
		return shuffleAway(placed, randomInt);
	}
	if (q.type === 'short_text') return q.options.map((o) => ({ text: o.text, correct: true }));
	if (q.type === 'numeric' || q.type === 'word_cloud') return [];
	// a poll keeps its authored order too: its options are often a scale ("Rất hài lòng" … "Không hài lòng")
	const poll = q.type === 'poll';
	const options = q.type === 'true_false' || poll ? q.options : cryptoShuffle(q.options);
	return options.map((o) => ({ text: o.text, correct: !poll && o.correct, ...image(o) }));
}

/** Another contest's bank is refused as if it did not exist: its name is none of the actor's business. */
export async function pickFromBank(
	db: Db,
	actor: Actor,
	source: Extract<GameSource, { kind: 'bank' | 'random' }>
): Promise<{ ok: true; questions: PickedQuestion[] } | GameFailure> {
	if (!(await openBank(db, actor, source.bankId)).ok) return refuse('bank_not_found', 'bankId');
	if (source.kind === 'bank') {
		const byId = new Map((await listCurrentVersions(db, source.questionIds)).map((v) => [v.questionId, v]));
		const questions: PickedQuestion[] = [];
		for (const [i, id] of source.questionIds.entries()) {
			const v = byId.get(id);
			if (!v || v.bankId !== source.bankId || v.status !== 'active') {
				return refuse('question_unavailable', 'questionIds', { n: i + 1 });
			}
			questions.push(picked(v));
		}
		return { ok: true, questions };
	}
	if (source.topicId && !(await listTopics(db, source.bankId)).some((t) => t.id === source.topicId)) {
		return refuse('topic_not_found', 'topicId');
	}
	const pool = await listPickableQuestions(db, source.bankId, source.topicId);
	if (pool.length < source.count) {
		return refuse('not_enough_questions', 'randomCount', { count: source.count, available: pool.length });
	}
	const ids = cryptoShuffle(pool.map((q) => q.id)).slice(0, source.count);
	const byId = new Map((await listCurrentVersions(db, ids)).map((v) => [v.questionId, v]));
	return { ok: true, questions: ids.map((id) => picked(byId.get(id)!)) };
}

export async function pickFromRound(
	db: Db,
	contestId: string,
	source: Extract<GameSource, { kind: 'round' }>
): Promise<{ ok: true; questions: PickedQuestion[] } | GameFailure> {
	const round = await findRound(db, source.roundId);
	if (!round || round.contest_id !== contestId) return refuse('round_not_found', 'roundId');
	if (!(await listGroups(db, contestId)).some((g) => g.id === source.groupId)) {
		return refuse('group_not_found', 'groupId');
	}
	const { blueprint, candidates } = await loadDrawInputs(db, round.id, source.groupId);
	const draw = drawAttempt(randomBytes(12).toString('hex'), blueprint, candidates);
	if (!draw.ok) return refuse('draw_failed', 'roundId', { needed: draw.needed, available: draw.available });
	const versionIds = draw.items.map((i) => i.versionId);
	const byId = new Map((await listQuestionVersions(db, versionIds)).map((v) => [v.versionId, v]));
	return { ok: true, questions: draw.items.map((i) => picked(byId.get(i.versionId)!)) };
}
