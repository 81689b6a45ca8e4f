// What the platform records about an attempt for fair play (issue 14), in one place: the
// contest's rules and consent text, the privacy page and the data export all list these, in the
// reader's language, from the catalogue keys below. Nothing else is recorded: no camera, no
// microphone, no screen capture, no keystrokes.

/** The kinds of attempt_event rows (migration 0015). */
export const ATTEMPT_EVENT_KINDS = ['shown', 'answer', 'hidden', 'visible', 'blur', 'focus'] as const;
export type AttemptEventKind = (typeof ATTEMPT_EVENT_KINDS)[number];

/** The kinds the attempt page reports; 'answer' is written by the server with each accepted save. */
export const PAGE_EVENT_KINDS = ['shown', 'hidden', 'visible', 'blur', 'focus'] as const;
export type PageEventKind = (typeof PAGE_EVENT_KINDS)[number];

/** Kinds that concern one question (position required); the others concern the page (no position). */
export const ITEM_EVENT_KINDS: readonly AttemptEventKind[] = ['shown', 'answer'];

/** A recorded signal, with the catalogue keys of its name and description. */
export interface FairPlaySignal {
	id: 'question_times' | 'answer_changes' | 'focus' | 'device' | 'address' | 'user_agent';
	/** catalogue key of the signal's short name */
	label: `fair_play.signal.${string}`;
	/** catalogue key of one sentence on what is kept and why */
	description: `fair_play.signal.${string}`;
	/** where it is stored (table and columns): what the export shows and the purge removes */
	stored: readonly { table: 'attempt_event' | 'attempt' | 'app_user'; columns: readonly string[] }[];
}

const onAttemptAndAccount = (column: string) =>
	[
		{ table: 'attempt', columns: [column] },
		{ table: 'app_user', columns: [column] }
	] as const;

export const FAIR_PLAY_SIGNALS: readonly FairPlaySignal[] = [
	{
		id: 'question_times',
		label: 'fair_play.signal.question_times',
		description: 'fair_play.signal.question_times_desc',
		stored: [{ table: 'attempt_event', columns: ['kind', 'position', 'at'] }]
	},
	{
		id: 'answer_changes',
		label: 'fair_play.signal.answer_changes',
		description: 'fair_play.signal.answer_changes_desc',
		stored: [{ table: 'attempt_event', columns: ['kind', 'position', 'value_json', 'at'] }]
	},
	{
		id: 'focus',
		label: 'fair_play.signal.focus',
		description: 'fair_play.signal.focus_desc',
		stored: [{ table: 'attempt_event', columns: ['kind', 'at'] }]
	},
	{
		id: 'device',
		label: 'fair_play.signal.device',
		description: 'fair_play.signal.device_desc',
		stored: onAttemptAndAccount('device_id')
	},
	{
		id: 'address',
		label: 'fair_play.signal.address',
		description: 'fair_play.signal.address_desc',
		stored: onAttemptAndAccount('ip_hash')
	},
	{
		id: 'user_agent',
		label: 'fair_play.signal.user_agent',
		description: 'fair_play.signal.user_agent_desc',
		stored: onAttemptAndAccount('user_agent')
	}
];

/** The signal columns kept on a row of `table` (attempt or app_user), from the list above. */
export function signalColumnsOf(table: 'attempt' | 'app_user'): string[] {
	return [
		...new Set(FAIR_PLAY_SIGNALS.flatMap((s) => s.stored.filter((x) => x.table === table).flatMap((x) => x.columns)))
	];
}

/** Days a contest keeps personal data after its last round closes, unless its organizer sets another. */
export const DEFAULT_RETENTION_DAYS = 365;

export const DAY_MS = 24 * 60 * 60 * 1000;

/** When a contest's retention period ends: its last round's close plus its retention days; null without rounds. */
export function retentionEndsAt(lastCloseAt: number | null, retentionDays: number): number | null {
	return lastCloseAt === null ? null : lastCloseAt + retentionDays * DAY_MS;
}

/** Longest user agent kept (characters); the rest says nothing a reviewer needs. */
export const USER_AGENT_MAX = 300;

/** Most events one report may carry: a page reports every few seconds, a few events each. */
export const EVENT_BATCH_MAX = 100;

/** One event as the page reports it (already shaped by the schema; kinds and positions unchecked). */
export interface ReportedEvent {
	kind: string;
	position?: number | null;
}

export interface EventProblem {
	/** catalogue key of the detail */
	key:
		| 'error.events_kind'
		| 'error.events_position'
		| 'error.events_position_missing'
		| 'error.events_position_extra'
		| 'error.events_too_many';
	params: Record<string, string | number>;
}

export function isPageEventKind(kind: string): kind is PageEventKind {
	return (PAGE_EVENT_KINDS as readonly string[]).includes(kind);
}

/**
 * The first problem of a report for an attempt of `itemCount` questions, or null when every event
 * is acceptable: a kind the page may report, a position 1…itemCount for a question's event and
 * none for a page's. Entries are numbered from 1 in the messages.
 */
export function checkReportedEvents(events: readonly ReportedEvent[], itemCount: number): EventProblem | null {
	if (events.length > EVENT_BATCH_MAX) return { key: 'error.events_too_many', params: { max: EVENT_BATCH_MAX } };
	for (const [i, event] of events.entries()) {
		const index = i + 1;
		if (!isPageEventKind(event.kind)) return { key: 'error.events_kind', params: { index, value: event.kind } };
		const position = event.position ?? null;
		if (ITEM_EVENT_KINDS.includes(event.kind)) {
			if (position === null) return { key: 'error.events_position_missing', params: { index, kind: event.kind } };
			if (!Number.isInteger(position) || position < 1 || position > itemCount) {
				return { key: 'error.events_position', params: { index, value: position } };
			}
		} else if (position !== null) {
			return { key: 'error.events_position_extra', params: { index, kind: event.kind } };
		}
	}
	return null;
}
