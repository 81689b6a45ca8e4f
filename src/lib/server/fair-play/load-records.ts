import { summarizeFocus, type FocusEvent } from '../../domain/fair-play/focus';
import type { AttemptRecord } from '../../domain/fair-play/types';
import type { Db } from '../db/database';
import { listAttemptPage, listEventsOfAttempts, listFirstAnswers, listItemsOfAttempts } from './fair-play.repository';

// Turns a page of the round's attempts into the analysis's compact records: questions (question
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

/** Reads one page (ids after `afterId`); an empty array at the end. */
export async function loadRecordPage(
	db: Db,
	roundId: string,
	afterId: string,
	limit: number,
	interner: Interner
): Promise<AttemptRecord[]> {
	const attempts = await listAttemptPage(db, roundId, afterId, limit);
	if (attempts.length === 0) return [];
	const ids = attempts.map((a) => a.id);
	const [items, events, firstAnswers] = await Promise.all([
		listItemsOfAttempts(db, ids),
		listEventsOfAttempts(db, ids),
		listFirstAnswers(db, ids)
	]);
	const itemsOf = groupRows(items);
	const eventsOf = groupRows(events);
	const answeredAt = new Map(firstAnswers.map((r) => [`${r.attempt_id}:${r.position}`, Number(r.at)]));
	return attempts.map((a) => {
		const finishedAt = a.finished_at ?? a.started_at;
		const own = itemsOf.get(a.id) ?? [];
		const shown = new Map<number, number>();
		const focus: FocusEvent[] = [];
		for (const e of eventsOf.get(a.id) ?? []) {
			if (e.kind === 'shown' && e.position !== null && !shown.has(e.position)) shown.set(e.position, e.at);
			else if (e.kind !== 'shown') focus.push({ kind: e.kind as FocusEvent['kind'], at: e.at });
		}
		const lost = summarizeFocus(focus, finishedAt);
		const questions: number[] = [];
		const answers: number[] = [];
		const correct: number[] = [];
		const itemMs: number[] = [];
		// without recorded events, an item's time is from the previous answer (or the start) to its own
		const byAnswerTime = own.filter((i) => i.answered_at !== null).sort((x, y) => x.answered_at! - y.answered_at!);
		const previousAnswer = new Map<number, number>();
		byAnswerTime.forEach((item, k) =>
			previousAnswer.set(item.position, k === 0 ? a.started_at : byAnswerTime[k - 1].answered_at!)
		);
		for (const item of own) {
			const q = intern(interner.questions, item.question_version_id);
			let codes = interner.answers.get(q);
			if (!codes) interner.answers.set(q, (codes = new Map()));
			questions.push(q);
			answers.push(answerCode(item, codes));
			correct.push(item.is_correct ? 1 : 0);
			const first = answeredAt.get(`${a.id}:${item.position}`);
			const from = shown.get(item.position);
			if (first !== undefined && from !== undefined) itemMs.push(Math.max(0, first - from));
			else if (item.answered_at !== null) {
				itemMs.push(Math.max(0, item.answered_at - previousAnswer.get(item.position)!));
			} else itemMs.push(-1);
		}
		return {
			id: a.id,
			userId: a.user_id,
			unitId: a.unit_id,
			startedAt: a.started_at,
			finishedAt,
			durationMs: a.duration_ms ?? finishedAt - a.started_at,
			deviceId: a.device_id,
			ipHash: a.ip_hash,
			userCreatedAt: a.user_created_at,
			userIpHash: a.user_ip_hash,
			questions,
			answers,
			correct,
			itemMs,
			focusLosses: lost.losses,
			focusLostMs: lost.lostMs
		};
	});
}

function answerCode(
	item: { option_keys_json: string; option_ids_json: string; answer_json: string | null },
	codes: Map<string, number>
): number {
	if (!item.answer_json) return -1;
	const chosen = JSON.parse(item.answer_json) as string[];
	if (chosen.length === 0) return -1;
	const ids = JSON.parse(item.option_ids_json) as string[];
	const keys = JSON.parse(item.option_keys_json) as string[];
	const text = chosen
		.map((id) => keys[ids.indexOf(id)] ?? '?')
		.sort()
		.join(',');
	return intern(codes, text);
}

function groupRows<T extends { attempt_id: string }>(rows: readonly T[]): Map<string, T[]> {
	const out = new Map<string, T[]>();
	for (const r of rows) {
		const list = out.get(r.attempt_id);
		if (list) list.push(r);
		else out.set(r.attempt_id, [r]);
	}
	return out;
}
