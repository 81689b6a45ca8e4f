import { isTypedType, matchKey, parseTypedNumber } from '../../domain/question-kinds';
import type { QuestionType } from '../../domain/types';
import { summarizeFocus, type FocusEvent } from '../../domain/fair-play/focus';
import type { RoundAttemptsBuilder } from '../../domain/fair-play/round-attempts';
import type { Db } from '../db/database';
import { listAttemptPage, listEventsOfAttempts, listFirstAnswers, listItemsOfAttempts } from './fair-play.repository';

// Turns a page of the round's attempts into the analysis's columns (round-attempts.ts): questions (question
// versions) and answers (the chosen option keys, sorted, which mean the same in every attempt,
// unlike the per-attempt option ids) interned as small integers shared across pages.

export interface Interner {
	questions: Map<string, number>;
	/** per interned question: answer text → code */
	answers: Map<number, Map<string, number>>;
}

export function createInterner(): Interner {
	return { questions: new Map(), answers: new Map() };
}

function intern(map: Map<string, number>, key: string): number {
	let code = map.get(key);
	if (code === undefined) map.set(key, (code = map.size));
	return code;
}

// per-position scratch of one attempt at a time: the first 'shown' event, the first answer event
// and the previous answer's time (NaN: none); reset after each attempt
let shownAt = new Float64Array(64).fill(NaN);
let firstAt = new Float64Array(64).fill(NaN);
let previousAt = new Float64Array(64).fill(NaN);
let byTime = new Int32Array(64);

function ensurePositions(position: number): void {
	if (position < shownAt.length) return;
	const size = Math.max(position + 1, shownAt.length * 2);
	const grow = (old: Float64Array) => {
		const next = new Float64Array(size).fill(NaN);
		next.set(old);
		return next;
	};
	shownAt = grow(shownAt);
	firstAt = grow(firstAt);
	previousAt = grow(previousAt);
}

/**
 * Reads one page (ids after `afterId`) into the round's columns; returns how many attempts it
 * read (0 at the end) and the last one's id. Rows are walked by ranges (each list is ordered by
 * attempt), so nothing per attempt outlives the page: no record objects, no per-attempt arrays.
 */
export async function loadRecordPage(
	db: Db,
	roundId: string,
	afterId: string,
	limit: number,
	interner: Interner,
	out: RoundAttemptsBuilder
): Promise<{ count: number; lastId: string }> {
	const attempts = await listAttemptPage(db, roundId, afterId, limit);
	if (attempts.length === 0) return { count: 0, lastId: afterId };
	const ids = attempts.map((a) => a.id);
	const [items, events, firstAnswers] = await Promise.all([
		listItemsOfAttempts(db, ids),
		listEventsOfAttempts(db, ids),
		listFirstAnswers(db, ids)
	]);
	const index = new Map(ids.map((id, k) => [id, k]));
	const itemRange = ranges(items, index);
	const eventRange = ranges(events, index);
	const answerRange = ranges(firstAnswers, index);
	for (let k = 0; k < attempts.length; k++) {
		const a = attempts[k];
		const finishedAt = a.finished_at ?? a.started_at;
		let focus: FocusEvent[] | null = null;
		for (let e = eventRange[2 * k]; e < eventRange[2 * k + 1]; e++) {
			const event = events[e];
			const position = event.position;
			if (event.kind === 'shown') {
				if (position === null) continue;
				ensurePositions(position);
				if (Number.isNaN(shownAt[position])) shownAt[position] = event.at;
			} else (focus ??= []).push({ kind: event.kind as FocusEvent['kind'], at: event.at });
		}
		for (let f = answerRange[2 * k]; f < answerRange[2 * k + 1]; f++) {
			const position = firstAnswers[f].position;
			if (position === null) continue;
			ensurePositions(position);
			firstAt[position] = Number(firstAnswers[f].at);
		}
		const lost = focus ? summarizeFocus(focus, finishedAt) : { losses: 0, lostMs: 0 };
		const from = itemRange[2 * k];
		const to = itemRange[2 * k + 1];
		// without recorded events, an item's time is from the previous answer (or the start) to its
		// own: the answered items in answer order (a stable insertion sort of their row indexes)
		if (to - from > byTime.length) byTime = new Int32Array((to - from) * 2);
		let answered = 0;
		for (let i = from; i < to; i++) {
			const at = items[i].answered_at;
			if (at === null) continue;
			let p = answered++;
			while (p > 0 && items[byTime[p - 1]].answered_at! > at) {
				byTime[p] = byTime[p - 1];
				p--;
			}
			byTime[p] = i;
		}
		for (let p = 0; p < answered; p++) {
			const item = items[byTime[p]];
			ensurePositions(item.position);
			previousAt[item.position] = p === 0 ? a.started_at : items[byTime[p - 1]].answered_at!;
		}
		out.beginAttempt({
			id: a.id,
			userId: a.user_id,
			startedAt: a.started_at,
			finishedAt,
			durationMs: a.duration_ms ?? finishedAt - a.started_at,
			deviceId: a.device_id,
			ipHash: a.ip_hash,
			userCreatedAt: a.user_created_at,
			userIpHash: a.user_ip_hash,
			focusLosses: lost.losses,
			focusLostMs: lost.lostMs
		});
		for (let i = from; i < to; i++) {
			const item = items[i];
			const q = intern(interner.questions, item.question_version_id);
			let codes = interner.answers.get(q);
			if (!codes) interner.answers.set(q, (codes = new Map()));
			const position = item.position;
			ensurePositions(position);
			const first = firstAt[position];
			const shown = shownAt[position];
			let ms = -1;
			if (!Number.isNaN(first) && !Number.isNaN(shown)) ms = Math.max(0, first - shown);
			else if (item.answered_at !== null) ms = Math.max(0, item.answered_at - previousAt[position]);
			out.addItem(q, answerCode(item, codes), item.is_correct ? 1 : 0, ms);
		}
		// reset the scratch for the next attempt
		for (let e = eventRange[2 * k]; e < eventRange[2 * k + 1]; e++) {
			const position = events[e].position;
			if (position !== null) shownAt[position] = NaN;
		}
		for (let f = answerRange[2 * k]; f < answerRange[2 * k + 1]; f++) {
			const position = firstAnswers[f].position;
			if (position !== null) firstAt[position] = NaN;
		}
		for (let i = from; i < to; i++) previousAt[items[i].position] = NaN;
	}
	return { count: attempts.length, lastId: attempts[attempts.length - 1].id };
}

/**
 * Per attempt of the page (by its place in `index`), the range [from, to) of its rows, as pairs
 * in one array: every list here is ordered by attempt, so each attempt's rows are contiguous.
 */
function ranges(rows: readonly { attempt_id: string }[], index: ReadonlyMap<string, number>): Int32Array {
	const out = new Int32Array(index.size * 2);
	let r = 0;
	while (r < rows.length) {
		const k = index.get(rows[r].attempt_id)!;
		out[2 * k] = r;
		while (r < rows.length && rows[r].attempt_id === rows[out[2 * k]].attempt_id) r++;
		out[2 * k + 1] = r;
	}
	return out;
}

/**
 * An answer as a code shared by every attempt of the question: the chosen option keys (sorted: a
 * set), an ordering's keys in the order given, a typed answer in its folded form (a number as the
 * number it reads as, text without case and diacritics), so that the same wrong answer typed two
 * ways is still the same answer.
 */
function answerCode(
	item: { type: string; option_keys_json: string; option_ids_json: string; answer_json: string | null },
	codes: Map<string, number>
): number {
	if (!item.answer_json) return -1;
	const chosen = JSON.parse(item.answer_json) as string[];
	if (chosen.length === 0) return -1;
	const type = item.type as QuestionType;
	if (isTypedType(type)) {
		const number = type === 'numeric' ? parseTypedNumber(chosen[0]) : null;
		return intern(codes, number !== null ? `#${number}` : `"${matchKey(chosen[0], LOOSE_MATCH)}`);
	}
	const ids = JSON.parse(item.option_ids_json) as string[];
	const keys = JSON.parse(item.option_keys_json) as string[];
	if (chosen.length === 1) return intern(codes, keys[ids.indexOf(chosen[0])] ?? '?');
	const given = chosen.map((id) => keys[ids.indexOf(id)] ?? '?');
	return intern(codes, type === 'ordering' ? given.join('>') : given.sort().join(','));
}

const LOOSE_MATCH = { ignoreCase: true, ignoreDiacritics: true };
