import { describe, expect, it } from 'vitest';
import { DAY_MS, FAIR_PLAY_SIGNALS, retentionEndsAt, signalColumnsOf } from '../../src/lib/domain/fair-play-signals';
import { vi } from '../../src/lib/i18n/vi';
import { en } from '../../src/lib/i18n/en';

describe('the fair-play signal list', () => {
	it('names the columns the purge clears on attempts and accounts', () => {
		expect(signalColumnsOf('attempt').sort()).toEqual(['device_id', 'ip_hash', 'user_agent']);
		expect(signalColumnsOf('app_user').sort()).toEqual(['device_id', 'ip_hash', 'user_agent']);
	});

	it('has a label and a description in both languages for every signal', () => {
		for (const s of FAIR_PLAY_SIGNALS) {
			for (const key of [s.label, s.description]) {
				expect(vi[key as keyof typeof vi], key).toBeTruthy();
				expect(en[key as keyof typeof en], key).toBeTruthy();
			}
		}
	});

	it('ends the retention period the given days after the last close, and never without rounds', () => {
		const close = Date.UTC(2026, 11, 31, 17, 0);
		expect(retentionEndsAt(close, 365)).toBe(close + 365 * DAY_MS);
		expect(retentionEndsAt(null, 365)).toBeNull();
	});
});
