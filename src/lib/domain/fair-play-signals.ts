// The fair-play signals the platform records about a contestant (issue 14; schema in migration
// 0015). One list, read by the privacy page (what is recorded and why), the personal-data export
// (what is recorded about me) and the purge (what is removed when the retention period ends).
// Each entry names where it is stored and the catalogue keys of its name and description.

export interface FairPlaySignal {
	/** stable name */
	name: 'item_events' | 'focus_events' | 'device_id' | 'ip_hash' | 'user_agent';
	/** where it is stored: table and column(s) */
	stored: { table: 'attempt_event' | 'attempt' | 'app_user'; columns: readonly string[] }[];
	/** catalogue keys */
	labelKey: string;
	descriptionKey: string;
}

export const FAIR_PLAY_SIGNALS: readonly FairPlaySignal[] = [
	{
		name: 'item_events',
		stored: [{ table: 'attempt_event', columns: ['kind', 'position', 'value_json', 'at'] }],
		labelKey: 'privacy.signal.item_events',
		descriptionKey: 'privacy.signal.item_events_desc'
	},
	{
		name: 'focus_events',
		stored: [{ table: 'attempt_event', columns: ['kind', 'at'] }],
		labelKey: 'privacy.signal.focus_events',
		descriptionKey: 'privacy.signal.focus_events_desc'
	},
	{
		name: 'device_id',
		stored: [
			{ table: 'attempt', columns: ['device_id'] },
			{ table: 'app_user', columns: ['device_id'] }
		],
		labelKey: 'privacy.signal.device_id',
		descriptionKey: 'privacy.signal.device_id_desc'
	},
	{
		name: 'ip_hash',
		stored: [
			{ table: 'attempt', columns: ['ip_hash'] },
			{ table: 'app_user', columns: ['ip_hash'] }
		],
		labelKey: 'privacy.signal.ip_hash',
		descriptionKey: 'privacy.signal.ip_hash_desc'
	},
	{
		name: 'user_agent',
		stored: [
			{ table: 'attempt', columns: ['user_agent'] },
			{ table: 'app_user', columns: ['user_agent'] }
		],
		labelKey: 'privacy.signal.user_agent',
		descriptionKey: 'privacy.signal.user_agent_desc'
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
