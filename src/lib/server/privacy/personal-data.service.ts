import { keyLines } from '../../domain/attempt-answers';
import { isChoiceType, settingsFromJson, showsOptions } from '../../domain/question-kinds';
import { flushAnswerEvents } from '../attempts/answer-events';
import type { OptionDef, QuestionType } from '../../domain/types';
import { recordAudit } from '../audit/audit.repository';
import type { Kysely, Selectable } from 'kysely';
import type { AppContext } from '../context';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import { isRoundOver } from '../results/close.service';

// "Tải dữ liệu của tôi" (issue 14): everything the platform holds about one contestant, as one
// JSON document: the profile, registrations, attempts with their questions as shown, answers and
// results, live-game entries, deletion requests, and the fair-play signals recorded about them.
// Nothing of anyone else. Correctness and the key of an item appear only once its round is over
// and its organizer shows the answers after close, as the result pages do: never for an open round.

export const EXPORT_FORMAT = 'cuocthi.personal-data/1';

const iso = (ms: number | string | null): string | null => (ms === null ? null : new Date(Number(ms)).toISOString());

/** The rows of a per-attempt table for these attempts, by attempt and then by `by`. */
async function rowsOfAttempts<
	T extends 'attempt_event' | 'attempt_flag' | 'attempt_review',
	C extends keyof Selectable<Database[T]> & string
>(
	db: Db,
	table: T,
	columns: readonly C[],
	by: C,
	attemptIds: readonly string[]
): Promise<Pick<Selectable<Database[T]>, C>[]> {
	if (!attemptIds.length) return [];
	// the table and columns are the caller's constants, typed above; Kysely cannot follow a generic table
	const loose = db as unknown as Kysely<any>;
	const rows = await loose
		.selectFrom(table as string)
		.select(columns as readonly string[] as string[])
		.where('attempt_id', 'in', [...attemptIds])
		.orderBy('attempt_id')
		.orderBy(by as string)
		.execute();
	return rows as Pick<Selectable<Database[T]>, C>[];
}

export async function exportPersonalData(ctx: AppContext, userId: string) {
	const now = ctx.clock.now();
	const db = ctx.db;
	// the answer events this node still queues are the person's too: written first, so they are in the file
	await flushAnswerEvents(db);
	const user = await db.selectFrom('app_user').selectAll().where('id', '=', userId).executeTakeFirst();
	if (!user) return null;
	const registrations = await db
		.selectFrom('registration as r')
		.innerJoin('contest as c', 'c.id', 'r.contest_id')
		.innerJoin('unit as u', 'u.id', 'r.unit_id')
		.innerJoin('contest_group as g', 'g.id', 'r.group_id')
		.select(['c.slug', 'c.title', 'u.name as unit', 'g.name as grp', 'r.consented_at', 'r.created_at'])
		.where('r.user_id', '=', userId)
		.orderBy('r.created_at')
		.execute();
	const attempts = await db
		.selectFrom('attempt as a')
		.innerJoin('round as r', 'r.id', 'a.round_id')
		.innerJoin('contest as c', 'c.id', 'r.contest_id')
		.leftJoin('final_result as f', (j) => j.onRef('f.attempt_id', '=', 'a.id'))
		.select([
			'a.id',
			'c.slug',
			'c.title',
			'r.name as roundName',
			'r.closes_at',
			'r.grace_ms',
			'r.show_answers_after_close',
			'a.ordinal',
			'a.status',
			'a.is_preview',
			'a.started_at',
			'a.deadline',
			'a.submitted_at',
			'a.finish_reason',
			'a.score',
			'a.max_score',
			'a.correct_count',
			'a.duration_ms',
			'a.prediction',
			'a.disqualified',
			'a.disqualified_reason',
			'a.device_id',
			'a.ip_hash',
			'a.user_agent',
			'f.rank',
			'f.prize'
		])
		.where('a.user_id', '=', userId)
		.orderBy('a.started_at')
		.execute();
	const attemptIds = attempts.map((a) => a.id);
	const items = attemptIds.length
		? await db
				.selectFrom('attempt_item as i')
				.innerJoin('question_version as v', 'v.id', 'i.question_version_id')
				.select([
					'i.attempt_id',
					'i.position',
					'v.text',
					'v.type',
					'v.settings_json',
					'v.options_json',
					'i.option_keys_json',
					'i.option_ids_json',
					'i.answer_json',
					'i.answered_at',
					'i.is_correct'
				])
				.where('i.attempt_id', 'in', attemptIds)
				.orderBy('i.attempt_id')
				.orderBy('i.position')
				.execute()
		: [];
	const events = await rowsOfAttempts(
		db,
		'attempt_event',
		['attempt_id', 'kind', 'position', 'value_json', 'at'],
		'at',
		attemptIds
	);
	// the fair-play findings about these attempts and the organizers' decisions on them (migration
	// 0017); a finding's detail names other people's attempts, so only its signal and score go out
	const flags = await rowsOfAttempts(
		db,
		'attempt_flag',
		['attempt_id', 'signal', 'score', 'computed_at'],
		'signal',
		attemptIds
	);
	const reviews = await rowsOfAttempts(
		db,
		'attempt_review',
		['attempt_id', 'decision', 'note', 'at'],
		'at',
		attemptIds
	);
	const livePlayers = await db
		.selectFrom('live_game_player as p')
		.innerJoin('live_game as g', 'g.id', 'p.game_id')
		.select(['g.title', 'p.nickname', 'p.score', 'p.correct_count', 'p.joined_at'])
		.where('p.user_id', '=', userId)
		.orderBy('p.joined_at')
		.execute();
	const requests = await db
		.selectFrom('data_request as d')
		.innerJoin('contest as c', 'c.id', 'd.contest_id')
		.select(['c.title', 'd.kind', 'd.status', 'd.note', 'd.created_at', 'd.decided_at', 'd.decision_reason'])
		.where('d.user_id', '=', userId)
		.orderBy('d.created_at')
		.execute();

	const document = {
		format: EXPORT_FORMAT,
		exportedAt: iso(now),
		profile: {
			phone: user.phone,
			fullName: user.full_name,
			birthDate: user.birth_date,
			email: user.email,
			role: user.role,
			createdAt: iso(user.created_at),
			signals: { deviceId: user.device_id, ipHash: user.ip_hash, userAgent: user.user_agent }
		},
		registrations: registrations.map((r) => ({
			contest: r.title,
			contestSlug: r.slug,
			unit: r.unit,
			group: r.grp,
			consentedAt: iso(r.consented_at),
			registeredAt: iso(r.created_at)
		})),
		attempts: attempts.map((a) => {
			const keysShown = isRoundOver(a, now) && a.show_answers_after_close === 1;
			return {
				contest: a.title,
				contestSlug: a.slug,
				round: a.roundName,
				ordinal: a.ordinal,
				preview: a.is_preview === 1,
				status: a.status,
				startedAt: iso(a.started_at),
				deadline: iso(a.deadline),
				submittedAt: iso(a.submitted_at),
				finishReason: a.finish_reason,
				score: a.score,
				maxScore: a.max_score,
				correctCount: a.correct_count,
				durationMs: a.duration_ms,
				prediction: a.prediction,
				disqualified: a.disqualified === 1,
				disqualifiedReason: a.disqualified_reason,
				rank: a.rank ?? null,
				prize: a.prize ?? null,
				answerKeyIncluded: keysShown,
				items: items
					.filter((i) => i.attempt_id === a.id)
					.map((i) => {
						const options = JSON.parse(i.options_json) as OptionDef[];
						const byKey = new Map(options.map((o) => [o.key, o]));
						const keys = JSON.parse(i.option_keys_json) as string[];
						const ids = JSON.parse(i.option_ids_json) as string[];
						const type = i.type as QuestionType;
						// typed kinds show no options: theirs (short_text's accepted answers) are the key
						const shown = showsOptions(type) ? keys.map((k) => byKey.get(k)?.text ?? '') : [];
						const chosenIds = i.answer_json ? (JSON.parse(i.answer_json) as string[]) : [];
						// what was typed, or the options' texts in the order chosen (ordering: the order given)
						const chosen = showsOptions(type) ? chosenIds.map((id) => shown[ids.indexOf(id)] ?? '') : chosenIds;
						return {
							position: i.position,
							question: i.text,
							type,
							options: shown,
							answer: chosen,
							answeredAt: iso(i.answered_at),
							...(keysShown
								? {
										correct: i.is_correct === null ? null : i.is_correct === 1,
										correctOptions: isChoiceType(type)
											? keys.filter((k) => byKey.get(k)?.correct).map((k) => byKey.get(k)!.text)
											: keyLines(type, options, settingsFromJson(i.settings_json))
									}
								: {})
						};
					}),
				signals: {
					deviceId: a.device_id,
					ipHash: a.ip_hash,
					userAgent: a.user_agent,
					events: events
						.filter((e) => e.attempt_id === a.id)
						.map((e) => ({ kind: e.kind, position: e.position, value: e.value_json, at: iso(e.at) }))
				},
				fairPlay: {
					flags: flags
						.filter((f) => f.attempt_id === a.id)
						.map((f) => ({ signal: f.signal, score: f.score, computedAt: iso(f.computed_at) })),
					decisions: reviews
						.filter((r) => r.attempt_id === a.id)
						.map((r) => ({ decision: r.decision, note: r.note, at: iso(r.at) }))
				}
			};
		}),
		liveGames: livePlayers.map((p) => ({
			game: p.title,
			nickname: p.nickname,
			score: p.score,
			correctCount: p.correct_count,
			joinedAt: iso(p.joined_at)
		})),
		deletionRequests: requests.map((r) => ({
			contest: r.title,
			kind: r.kind,
			status: r.status,
			note: r.note,
			requestedAt: iso(r.created_at),
			decidedAt: iso(r.decided_at),
			reason: r.decision_reason
		}))
	};
	await recordAudit(
		db,
		{
			actorId: userId,
			action: 'personal_data.export',
			entity: 'user',
			entityId: userId,
			summary: 'Tải dữ liệu cá nhân',
			detail: { attempts: attempts.length, events: events.length }
		},
		now
	);
	return document;
}

export type PersonalDataExport = NonNullable<Awaited<ReturnType<typeof exportPersonalData>>>;
