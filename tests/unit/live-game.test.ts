/**
 * The live game's nicknames, PINs and unit standings (src/lib/domain/live-game.ts). The state
 * machine is in live-game-machine.test.ts, the scoring in live-game-scoring.test.ts.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	NICKNAME_MAX,
	cleanNickname,
	makePin,
	nicknameKey,
	nicknameProblem,
	standingUnitOf
} from '../../src/lib/domain/live-game';

describe('nicknameProblem', () => {
	it('refuses an empty or blank nickname', () => {
		for (const n of ['', ' ', '   ', '\t\n', '\u00a0']) expect(nicknameProblem(n), JSON.stringify(n)).toBe('empty');
	});

	it('accepts 24 characters and refuses 25', () => {
		expect(NICKNAME_MAX).toBe(24);
		expect(nicknameProblem('a'.repeat(24))).toBeNull();
		expect(nicknameProblem('a'.repeat(25))).toBe('too_long');
	});

	it('counts a Vietnamese letter as one character, however it is encoded', () => {
		const composed = 'ễ'.normalize('NFC');
		const decomposed = 'ễ'.normalize('NFD');
		expect(decomposed.length).toBeGreaterThan(1);
		expect(nicknameProblem(composed.repeat(24))).toBeNull();
		expect(nicknameProblem(decomposed.repeat(24))).toBeNull();
		expect(nicknameProblem(composed.repeat(25))).toBe('too_long');
		expect(nicknameProblem(decomposed.repeat(25))).toBe('too_long');
		expect(nicknameProblem('Nguyễn Thị Phương Thảo Vy')).toBe('too_long'); // 25
		expect(nicknameProblem('Nguyễn Thị Phương Thảo V')).toBeNull(); // 24
	});

	it('does not count surrounding or repeated spaces', () => {
		expect(nicknameProblem(`   ${'a'.repeat(24)}   `)).toBeNull();
		expect(nicknameProblem(`${'a'.repeat(12)}      ${'a'.repeat(11)}`)).toBeNull();
	});

	it('refuses abusive nicknames', () => {
		for (const n of [
			'dm',
			'DM',
			'Đ.M',
			'đ m',
			'vcl',
			'V.C.L',
			'An Đ.M',
			'D-M-M',
			'An vcl',
			'fuck you',
			'FUCK',
			'lồn',
			'Lồn',
			'đéo',
			'cho chet',
			'chó chết',
			'xfuckx'
		]) {
			expect(nicknameProblem(n), n).toBe('abusive');
		}
	});

	it('accepts everyday names that fold to something close', () => {
		for (const n of [
			'Lớn',
			'Các bạn',
			'Đại',
			'Buổi sáng',
			'Nguyễn Văn An',
			'Ngũ',
			'Đội Hà Khánh',
			'Đinh Thị Mai',
			'Chó con',
			'Dịu',
			'Lon bia',
			'Đèo Cả',
			'Nguyễn T. H.',
			'Tổ A.B.C'
		]) {
			expect(nicknameProblem(n), n).toBeNull();
		}
	});
});

describe('nicknameKey / cleanNickname', () => {
	it('folds diacritics, case and spaces', () => {
		expect(nicknameKey('An  NGUYỄN')).toBe(nicknameKey('an nguyen'));
		expect(nicknameKey('  Đặng   Thùy\tDương ')).toBe('dang thuy duong');
		expect(nicknameKey('ễ'.normalize('NFD'))).toBe(nicknameKey('Ễ'.normalize('NFC')));
	});

	it('keeps different names apart', () => {
		expect(nicknameKey('An Nguyen')).not.toBe(nicknameKey('Anh Nguyen'));
	});

	it('cleans spaces and composes letters but keeps case and diacritics', () => {
		expect(cleanNickname('  An   NGUYỄN \n')).toBe('An NGUYỄN');
		expect(cleanNickname('Nguye\u0302\u0303n')).toBe('Nguyễn');
	});

	it('(property) the key of a cleaned nickname is the key of the nickname', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 30 }), (s) => {
				expect(nicknameKey(cleanNickname(s))).toBe(nicknameKey(s));
				expect(cleanNickname(cleanNickname(s))).toBe(cleanNickname(s));
			})
		);
	});
});

describe('makePin', () => {
	it('is always six digits', () => {
		expect(makePin(() => 0)).toBe('100000');
		expect(makePin(() => 899_999)).toBe('999999');
		expect(makePin(() => 123_456)).toBe('223456');
	});

	it('asks the source for a number below 900 000', () => {
		let asked = 0;
		makePin((max) => {
			asked = max;
			return 0;
		});
		expect(asked).toBe(900_000);
	});

	it('(property) any value the source may return gives a six-digit PIN', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 899_999 }), (n) => {
				expect(makePin(() => n)).toMatch(/^\d{6}$/);
			})
		);
	});
});

describe('standingUnitOf', () => {
	/** One province with two districts; district A has two communes, one with a hamlet. */
	const ONE_ROOT = new Map<string, { parentId: string | null }>([
		['province', { parentId: null }],
		['districtA', { parentId: 'province' }],
		['districtB', { parentId: 'province' }],
		['communeA1', { parentId: 'districtA' }],
		['communeA2', { parentId: 'districtA' }],
		['hamletA1', { parentId: 'communeA1' }]
	]);

	it('with one root, counts a player for the root’s child on their path', () => {
		expect(standingUnitOf(ONE_ROOT, 'districtA')).toBe('districtA');
		expect(standingUnitOf(ONE_ROOT, 'districtB')).toBe('districtB');
		expect(standingUnitOf(ONE_ROOT, 'communeA2')).toBe('districtA');
		expect(standingUnitOf(ONE_ROOT, 'hamletA1')).toBe('districtA');
	});

	it('with one root, counts the root’s own staff for the root', () => {
		expect(standingUnitOf(ONE_ROOT, 'province')).toBe('province');
	});

	it('with several roots, counts a player for their root', () => {
		const units = new Map<string, { parentId: string | null }>([
			['ministryX', { parentId: null }],
			['ministryY', { parentId: null }],
			['deptX1', { parentId: 'ministryX' }],
			['officeX1', { parentId: 'deptX1' }],
			['deptY1', { parentId: 'ministryY' }]
		]);
		expect(standingUnitOf(units, 'officeX1')).toBe('ministryX');
		expect(standingUnitOf(units, 'deptX1')).toBe('ministryX');
		expect(standingUnitOf(units, 'ministryX')).toBe('ministryX');
		expect(standingUnitOf(units, 'deptY1')).toBe('ministryY');
	});

	it('treats a unit whose parent is unknown as a root', () => {
		const units = new Map<string, { parentId: string | null }>([
			['orphan', { parentId: 'missing' }],
			['child', { parentId: 'orphan' }]
		]);
		expect(standingUnitOf(units, 'child')).toBe('child');
		expect(standingUnitOf(units, 'orphan')).toBe('orphan');
	});

	it('gives null for no unit or an unknown unit', () => {
		expect(standingUnitOf(ONE_ROOT, null)).toBeNull();
		expect(standingUnitOf(ONE_ROOT, '')).toBeNull();
		expect(standingUnitOf(ONE_ROOT, 'nowhere')).toBeNull();
	});

	it('terminates on a cycle', () => {
		const units = new Map<string, { parentId: string | null }>([
			['root', { parentId: null }],
			['a', { parentId: 'b' }],
			['b', { parentId: 'a' }]
		]);
		expect(['a', 'b']).toContain(standingUnitOf(units, 'a'));
	});
});
