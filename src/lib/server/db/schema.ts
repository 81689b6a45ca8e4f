import type { Generated, Insertable, Selectable } from 'kysely';
import type { PrizeTier } from '../../domain/types';

// Table types in one place. Timestamps are integer milliseconds since the epoch; JSON columns
// hold text; booleans are 0/1.

export interface UnitTable {
	id: string;
	code: string;
	name: string;
	name_folded: string;
	parent_id: string | null;
	kind: string;
	headcount: number;
	created_at: number;
}

export interface AppUserTable {
	id: string;
	phone: string;
	full_name: string;
	birth_date: string | null;
	email: string | null;
	password_hash: string;
	role: 'admin' | 'organizer' | 'contestant';
	created_at: number;
	/** device cookie, keyed hash of the address, user agent (migration 0015; fair-play signals) */
	device_id: Generated<string | null>;
	ip_hash: Generated<string | null>;
	user_agent: Generated<string | null>;
	/** when the account's personal data was replaced by an anonymous label (migration 0018) */
	anonymized_at: Generated<number | null>;
}

export interface SessionTable {
	id: string;
	user_id: string;
	expires_at: number;
	created_at: number;
}

export interface ContestTable {
	id: string;
	slug: string;
	title: string;
	summary: string;
	rules_md: string;
	consent_text: string;
	status: 'draft' | 'published' | 'archived';
	created_at: number;
	registration_fields_json: Generated<string>;
	banner_mime: string | null;
	banner_b64: string | null;
	/** bumped on each new banner, so its URL changes and caches never show an old one */
	banner_version: Generated<number>;
	/** the top of the unit subtree this contest uses; null: the whole tree (migration 0008) */
	root_unit_id: Generated<string | null>;
	/** days after the last round closes that contestants' personal data is kept (migration 0018) */
	retention_days: Generated<number>;
	/** whom contestants ask about their data, shown on the privacy page */
	privacy_contact: Generated<string | null>;
	/** when the retention purge ran; null: not yet */
	purged_at: Generated<number | null>;
}

export interface ContestGroupTable {
	id: string;
	contest_id: string;
	code: string;
	name: string;
	position: number;
}

export interface RegistrationTable {
	id: string;
	contest_id: string;
	user_id: string;
	unit_id: string;
	group_id: string;
	consented_at: number;
	created_at: number;
}

export interface QuestionBankTable {
	id: string;
	name: string;
	created_at: number;
}

/** Which contests a bank belongs to: its organizers may open and change it (migration 0008). */
export interface BankContestTable {
	bank_id: string;
	contest_id: string;
	granted_by: string | null;
	created_at: number;
}

export interface TopicTable {
	id: string;
	bank_id: string;
	parent_id: string | null;
	code: string;
	name: string;
	position: number;
}

export interface QuestionTable {
	id: string;
	bank_id: string;
	topic_id: string;
	type: string;
	difficulty: string;
	status: 'active' | 'retired';
	current_version_id: string | null;
	created_at: number;
	/** folded text of the current version, for search (migration 0002) */
	search_text: Generated<string>;
	/** '|tag|tag|' of the current version, folded */
	tags_text: Generated<string>;
	updated_at: Generated<number>;
	/** authored order within the bank */
	position: Generated<number>;
}

export interface QuestionVersionTable {
	id: string;
	question_id: string;
	version: number;
	type: string;
	text: string;
	options_json: string;
	explanation: string;
	legal_reference: string | null;
	tags_json: string;
	created_at: number;
	/** the question's picture (media.id) and its alt text (migration 0019) */
	image_media_id: Generated<string | null>;
	image_alt: Generated<string | null>;
	/** the question's sound (media.id), read aloud for readers and stage events (migration 0019) */
	audio_media_id: Generated<string | null>;
	/** what the kind holds beyond its options, JSON QuestionSettings; null for choice kinds (migration 0026) */
	settings_json: Generated<string | null>;
}

/** A picture or a sound, re-encoded; its id is the sha256 of its bytes (migration 0019). */
export interface MediaTable {
	id: string;
	kind: 'image' | 'audio';
	mime: string;
	width: number | null;
	height: number | null;
	size: number;
	bytes: Uint8Array;
	created_at: number;
}

export interface RoundTable {
	id: string;
	contest_id: string;
	ordinal: number;
	name: string;
	opens_at: number;
	closes_at: number;
	time_limit_ms: number;
	max_attempts: number;
	grace_ms: number;
	prediction_question: string;
	prediction_kind: string;
	ranking_criteria_json: string;
	leaderboard_visibility: 'live' | 'after_close' | 'never';
	show_answers_after_close: number;
	leaderboard_version: number;
	created_at: number;
	prize_counts_json: Generated<string>;
	exclude_previous_winners: Generated<number>;
	collective_prize_json: Generated<string>;
	/** the organizer's floor of time per question for the fair-play "too fast" signal, ms; null: from the round (migration 0017) */
	fast_floor_ms: Generated<number | null>;
	/** the results notice (migration 0023): the superior body's line above the organizer ("UBND TỈNH …") */
	notice_superior: Generated<string | null>;
	/** the notice's number as written after "Số:" ("12/TB-BTC"); null: left blank to fill by hand */
	notice_number: Generated<string | null>;
	/** the signer's title ("TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"); null: "TRƯỞNG BAN" */
	notice_signer_title: Generated<string | null>;
	/** the signer's name under the signature; null: room to sign only */
	notice_signer_name: Generated<string | null>;
}

export interface BlueprintItemTable {
	id: string;
	round_id: string;
	group_id: string | null;
	bank_id: string;
	topic_id: string;
	difficulty: string;
	count: number;
}

export interface AttemptTable {
	id: string;
	round_id: string;
	user_id: string;
	group_id: string;
	unit_id: string;
	ordinal: number;
	status: 'in_progress' | 'finished';
	seed: string;
	started_at: number;
	deadline: number;
	submitted_at: number | null;
	finished_at: number | null;
	finish_reason: 'submitted' | 'timeout' | null;
	score: number | null;
	max_score: number;
	correct_count: number | null;
	duration_ms: number | null;
	prediction: number | null;
	disqualified: number;
	/** 1 for an organizer's "thi thử": never ranked, never counted against the limit */
	is_preview: Generated<number>;
	disqualified_reason: string | null;
	disqualified_by: string | null;
	disqualified_at: number | null;
	/** device cookie, keyed hash of the address, user agent (migration 0015; fair-play signals) */
	device_id: Generated<string | null>;
	ip_hash: Generated<string | null>;
	user_agent: Generated<string | null>;
}

export interface AttemptItemTable {
	attempt_id: string;
	position: number;
	question_version_id: string;
	option_keys_json: string;
	option_ids_json: string;
	answer_json: string | null;
	answer_rev: number;
	answered_at: number | null;
	is_correct: number | null;
}

/** fair-play record of an attempt (migration 0015): server-clock times of what the page showed and did */
export interface AttemptEventTable {
	attempt_id: string;
	kind: 'shown' | 'answer' | 'hidden' | 'visible' | 'blur' | 'focus';
	/** the item's position; null for page-level events */
	position: number | null;
	/** for 'answer': the answer as saved (JSON text) */
	value_json: string | null;
	at: number;
}

export interface RoundResultTable {
	round_id: string;
	user_id: string;
	group_id: string;
	unit_id: string;
	attempt_id: string;
	score: number;
	max_score: number;
	duration_ms: number;
	submitted_at: number;
	prediction: number | null;
}

/** Kept by triggers (migration 0010): a round's best results per group, unit and max score. */
export interface RoundResultTallyTable {
	round_id: string;
	group_id: string;
	unit_id: string;
	max_score: number;
	results: number;
	perfect: number;
	score_sum: number;
}

/** Kept by triggers (migration 0010): a round's attempts per status, previews left out. */
export interface RoundAttemptTallyTable {
	round_id: string;
	status: string;
	attempts: number;
}

/** Kept by triggers (migration 0010): a round's finished attempts per minute since the epoch, previews aside. */
export interface RoundMinuteTallyTable {
	round_id: string;
	minute: number;
	finished: number;
}

/** Kept by triggers (migration 0010): moves with every write to a bank's questions. */
export interface QuestionBankRevisionTable {
	bank_id: string;
	revision: number;
}

/** One row per leaderboard version of a round: whose best result changed, from what to what. */
export interface LeaderboardChangeTable {
	round_id: string;
	version: number;
	group_id: string;
	unit_id: string;
	prev_attempt_id: string | null;
	prev_score: number | null;
	prev_duration_ms: number | null;
	prev_submitted_at: number | null;
	attempt_id: string;
	score: number;
	duration_ms: number;
	submitted_at: number;
}

/** A round's close: when, by whom, and the prediction question's actual value. */
export interface RoundCloseTable {
	round_id: string;
	actual_value: number;
	participants: number;
	computed_at: number;
	computed_by: string | null;
	runs: number;
}

/** A contestant's final place in a closed round. */
export interface FinalResultTable {
	round_id: string;
	user_id: string;
	group_id: string;
	unit_id: string;
	attempt_id: string;
	score: number;
	max_score: number;
	duration_ms: number;
	submitted_at: number;
	prediction: number | null;
	distance: number | null;
	rank: number;
	prize: PrizeTier | null;
}

/** A unit's standing in a closed round, rolled up over its subtree. */
export interface UnitResultTable {
	round_id: string;
	unit_id: string;
	top_level: number;
	participants: number;
	headcount: number;
	rate: number | null;
	mean_percent: number | null;
	perfect: number;
	rank: number | null;
	prize: number | null;
}

/** an organizer's grant of extra time and/or attempts to one contestant (migration 0016) */
export interface AccommodationTable {
	id: string;
	contest_id: string;
	user_id: string;
	/** null: every round of the contest */
	round_id: string | null;
	/** round_id, or '' for every round: the unique key's stand-in */
	round_key: string;
	/** percent of the round's time limit added (0–300) */
	extra_time_pct: number;
	/** attempts added to the round's max (0–20) */
	extra_attempts: number;
	reason: string;
	granted_by: string | null;
	created_at: number;
}

export interface AuditLogTable {
	id: string;
	/** ms since epoch */
	at: number;
	actor_id: string | null;
	action: string;
	entity: string;
	entity_id: string;
	summary: string;
	detail_json: string;
}

export interface OrganizerGrantTable {
	id: string;
	user_id: string;
	/** null: every contest */
	contest_id: string | null;
	granted_by: string | null;
	created_at: number;
}

export interface LiveGameTable {
	id: string;
	contest_id: string;
	title: string;
	pin: string;
	host_user_id: string;
	scoring: 'accuracy' | 'speed';
	streak_bonus: Generated<number>;
	join_mode: 'account' | 'nickname' | 'both';
	late_join: Generated<number>;
	screen_only: Generated<number>;
	source: 'bank' | 'round';
	phase: Generated<'lobby' | 'question' | 'reveal' | 'leaderboard' | 'podium'>;
	question_index: Generated<number>;
	question_started_at: number | null;
	deadline_at: number | null;
	paused_remaining_ms: number | null;
	created_by: string;
	created_at: number;
	started_at: number | null;
	ended_at: number | null;
	updated_at: number;
	/** the node running the game (several app nodes), until lease_until (ms) unless renewed */
	owner_node: string | null;
	lease_until: number | null;
	/** moves with every change of the game's position and every takeover; guards the game's writes */
	version: Generated<number>;
	/** the door (migration 0025): no new joins while 1 */
	locked: Generated<number>;
	/** players at most; null: no cap */
	max_players: number | null;
	/** the label of the identifier each player must give ("Mã nhân viên"); null: none asked */
	identifier_label: string | null;
	/** 1: nickname players get a generated name ("Sen Hồng 17") instead of typing one */
	generated_names: Generated<number>;
	/** time the host added to the current question for everyone, ms (0 at each new question) */
	question_extra_ms: Generated<number>;
	/** teams (migration 0027): 'off', by 'unit', or 'named' by the host (live_game_team) */
	team_mode: Generated<'off' | 'unit' | 'named'>;
	/** a team's score: its members' 'mean', or its 'best' member's */
	team_scoring: Generated<'mean' | 'best'>;
}

/** A team the host named for a live game (migration 0027). */
export interface LiveGameTeamTable {
	id: string;
	game_id: string;
	/** the host's order, 0-based */
	position: number;
	name: string;
	/** 1: a stage team, joined only with its code */
	stage: Generated<number>;
	/** what a stage team's players type to join it; null for a hall team */
	code: string | null;
}

export interface LiveGameQuestionTable {
	game_id: string;
	/** 0-based */
	position: number;
	question_id: string;
	question_version_id: string;
	type: string;
	text: string;
	/** [{ text, correct }] in the order shown */
	options_json: string;
	time_limit_ms: number;
	points: number;
	voided: Generated<number>;
	/** the version's settings_json, copied (migration 0026) */
	settings_json: Generated<string | null>;
}

export interface LiveGamePlayerTable {
	id: string;
	game_id: string;
	user_id: string | null;
	nickname: string;
	nickname_key: string;
	unit_id: string | null;
	token_hash: string;
	joined_at: number;
	removed_at: number | null;
	/** what the player gave when the host asked for an identifier (migration 0025); host only */
	identifier: string | null;
	/** the named team the player joined (migration 0027); null without named teams */
	team_id: Generated<string | null>;
	score: Generated<number>;
	correct_count: Generated<number>;
	streak: Generated<number>;
	correct_time_ms: Generated<number>;
}

export interface LiveGameAnswerTable {
	game_id: string;
	player_id: string;
	position: number;
	/** sorted option indexes */
	choice_json: string;
	correct: number;
	elapsed_ms: number;
	points: number;
	received_at: number;
}

/** A checked question import awaiting its confirmation (migration 0012). */
export interface PendingImportTable {
	/** sha256 (base64url) of the token the browser holds */
	token_hash: string;
	bank_id: string;
	actor_id: string;
	source: string;
	/** ImportedQuestion[] */
	questions_json: string;
	question_count: number;
	/** number[]: positions of the flagged likely duplicates */
	duplicates_json: string;
	/** ms since epoch */
	created_at: number;
	/** ms since epoch */
	expires_at: number;
}

/** A secret the application generated for itself (base64url), by name. */
export interface AppSecretTable {
	name: string;
	value: string;
	created_at: number;
}

/** A contestant's deletion request for one contest they registered for (migration 0018). */
export interface DataRequestTable {
	id: string;
	user_id: string;
	contest_id: string;
	kind: 'deletion';
	status: 'pending' | 'done' | 'declined';
	note: Generated<string>;
	created_at: number;
	decided_at: number | null;
	decided_by: string | null;
	decision_reason: string | null;
}

/** A fair-play finding on an attempt (migration 0017); a run of the analysis replaces the round's. */
export interface AttemptFlagTable {
	round_id: string;
	attempt_id: string;
	signal: 'too_fast' | 'shared_device' | 'shared_address' | 'copying' | 'focus_loss';
	score: number;
	detail_json: string;
	/** ms since epoch */
	computed_at: number;
}

/** An organizer's decision on a flagged attempt (migration 0017); the latest per attempt counts. */
export interface AttemptReviewTable {
	id: string;
	attempt_id: string;
	decision: 'cleared' | 'disqualified';
	note: string;
	reviewer_id: string | null;
	/** ms since epoch */
	at: number;
}

/** The last fair-play analysis of a round (migration 0017). */
export interface FairPlayRunTable {
	round_id: string;
	/** ms since epoch */
	computed_at: number;
	attempts: number;
	flags: number;
	elapsed_ms: number;
	longest_slice_ms: number;
	/** the floor of time per question used, ms */
	floor_ms: number;
}

/** A bulk action on a bank's questions, kept so its author can undo the last one (migration 0020). */
export interface BulkActionTable {
	id: string;
	bank_id: string;
	user_id: string;
	kind: string;
	/** questions touched */
	count: number;
	/** the bank questions were moved or copied to */
	target_bank_id: string | null;
	/** per question: the fields written, before and after (see bulk.service.ts) */
	snapshot_json: string;
	created_at: number;
	undone_at: number | null;
}

/** An organizer's (or the platform's) notice to a contest's contestants (migration 0021). */
export interface AnnouncementTable {
	id: string;
	contest_id: string;
	round_id: string | null;
	kind: 'manual' | 'round_open' | 'results';
	title: string;
	/** Markdown, rendered through markdown.ts's sanitizer */
	body_md: string;
	created_by: string | null;
	/** ms since epoch */
	created_at: number;
	email_status: Generated<'none' | 'queued' | 'sent' | 'failed'>;
	/** recipients the e-mail was accepted for, and refused for */
	email_sent: Generated<number>;
	email_failed: Generated<number>;
}

export interface Database {
	unit: UnitTable;
	app_user: AppUserTable;
	session: SessionTable;
	contest: ContestTable;
	contest_group: ContestGroupTable;
	registration: RegistrationTable;
	question_bank: QuestionBankTable;
	bank_contest: BankContestTable;
	topic: TopicTable;
	question: QuestionTable;
	question_version: QuestionVersionTable;
	round: RoundTable;
	blueprint_item: BlueprintItemTable;
	attempt: AttemptTable;
	attempt_item: AttemptItemTable;
	attempt_event: AttemptEventTable;
	accommodation: AccommodationTable;
	round_result: RoundResultTable;
	round_result_tally: RoundResultTallyTable;
	round_attempt_tally: RoundAttemptTallyTable;
	round_minute_tally: RoundMinuteTallyTable;
	question_bank_revision: QuestionBankRevisionTable;
	leaderboard_change: LeaderboardChangeTable;
	round_close: RoundCloseTable;
	final_result: FinalResultTable;
	unit_result: UnitResultTable;
	audit_log: AuditLogTable;
	organizer_grant: OrganizerGrantTable;
	live_game: LiveGameTable;
	live_game_question: LiveGameQuestionTable;
	live_game_player: LiveGamePlayerTable;
	live_game_answer: LiveGameAnswerTable;
	live_game_team: LiveGameTeamTable;
	app_secret: AppSecretTable;
	pending_import: PendingImportTable;
	data_request: DataRequestTable;
	announcement: AnnouncementTable;
	attempt_flag: AttemptFlagTable;
	attempt_review: AttemptReviewTable;
	fair_play_run: FairPlayRunTable;
	bulk_action: BulkActionTable;
	media: MediaTable;
}

export type UnitRow = Selectable<UnitTable>;
export type UserRow = Selectable<AppUserTable>;
/** A contest as pages use it: everything but the banner's bytes (served by their own route). */
export type ContestRow = Omit<Selectable<ContestTable>, 'banner_b64'>;
export type RoundRow = Selectable<RoundTable>;
export type AttemptRow = Selectable<AttemptTable>;
export type RoundResultRow = Selectable<RoundResultTable>;
export type AttemptItemRow = Selectable<AttemptItemTable>;
export type AccommodationRow = Selectable<AccommodationTable>;
export type NewAttempt = Insertable<AttemptTable>;
