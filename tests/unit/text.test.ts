import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { compareVietnamese, foldVietnamese, maskPhone, normalizePhone, toNfc } from '../../src/lib/domain/text';

describe('toNfc', () => {
	it('composes decomposed Vietnamese text', () => {
		const decomposed = 'Cải cách hành chính'.normalize('NFD');
		expect(decomposed).not.toBe('Cải cách hành chính'.normalize('NFC'));
		expect(toNfc(decomposed)).toBe('Cải cách hành chính'.normalize('NFC'));
	});
});

describe('foldVietnamese', () => {
	it('drops diacritics, lowercases and collapses spaces', () => {
		expect(foldVietnamese('Phường Hà Khánh')).toBe('phuong ha khanh');
		expect(foldVietnamese('  Cải   cách\thành chính \n')).toBe('cai cach hanh chinh');
	});

	it('maps đ and Đ to d', () => {
		expect(foldVietnamese('Đồng Đăng đường')).toBe('dong dang duong');
	});

	it('folds every vowel with every tone', () => {
		expect(foldVietnamese('ÀÁẢÃẠ ăằắẳẵặ âầấẩẫậ ê ề ô ồ ơ ờ ư ừ ỳ ý ỷ ỹ ỵ')).toBe(
			'aaaaa aaaaaa aaaaaa e e o o o o u u y y y y y'
		);
	});

	it('gives the same key for NFC and NFD input', () => {
		const s = 'Thủ tục hành chính Quảng Ninh';
		expect(foldVietnamese(s.normalize('NFD'))).toBe(foldVietnamese(s.normalize('NFC')));
	});

	it('is idempotent (property)', () => {
		fc.assert(
			fc.property(fc.string(), (s) => {
				const once = foldVietnamese(s);
				expect(foldVietnamese(once)).toBe(once);
			})
		);
	});
});

describe('normalizePhone', () => {
	it('keeps a plain 10-digit mobile', () => {
		expect(normalizePhone('0901234567')).toBe('0901234567');
	});

	it('strips spaces, dots, dashes and parentheses', () => {
		expect(normalizePhone(' 090 123 4567 ')).toBe('0901234567');
		expect(normalizePhone('090.123.4567')).toBe('0901234567');
		expect(normalizePhone('(090) 123-4567')).toBe('0901234567');
	});

	it('turns +84 and 84 into 0', () => {
		expect(normalizePhone('+84901234567')).toBe('0901234567');
		expect(normalizePhone('+84 90 123 4567')).toBe('0901234567');
		expect(normalizePhone('84901234567')).toBe('0901234567');
		expect(normalizePhone('+84 (0) 90 123 4567')).toBe('0901234567');
	});

	it('accepts every Vietnamese mobile prefix 03, 05, 07, 08, 09', () => {
		for (const p of ['03', '05', '07', '08', '09']) {
			expect(normalizePhone(`${p}12345678`)).toBe(`${p}12345678`);
		}
	});

	it('rejects landline-like and malformed numbers', () => {
		expect(normalizePhone('0241234567')).toBeNull();
		expect(normalizePhone('0612345678')).toBeNull();
		expect(normalizePhone('090123456')).toBeNull();
		expect(normalizePhone('09012345678')).toBeNull();
		expect(normalizePhone('+1 415 555 0100')).toBeNull();
		expect(normalizePhone('+84 24 1234 5678')).toBeNull();
		expect(normalizePhone('09O1234567')).toBeNull();
		expect(normalizePhone('')).toBeNull();
		expect(normalizePhone('++84901234567')).toBeNull();
	});

	it('always returns null or a 10-digit mobile, and is idempotent (property)', () => {
		fc.assert(
			fc.property(fc.oneof(fc.string(), fc.stringMatching(/^(\+?84|0)[ .-]?\d{2,3}[ .-]?\d{3}[ .-]?\d{3,4}$/)), (s) => {
				const p = normalizePhone(s);
				if (p !== null) {
					expect(p).toMatch(/^0[35789]\d{8}$/);
					expect(normalizePhone(p)).toBe(p);
				}
			})
		);
	});
});

describe('maskPhone', () => {
	it('keeps the first 3 and last 3 digits', () => {
		expect(maskPhone('0901234567')).toBe('090****567');
	});

	it('masks short strings completely', () => {
		expect(maskPhone('12345')).toBe('*****');
	});
});

describe('compareVietnamese', () => {
	it('orders by the Vietnamese alphabet', () => {
		const names = ['Đặng', 'Bùi', 'Ân', 'An', 'Dương', 'Ăn'];
		expect(names.slice().sort(compareVietnamese)).toEqual(['An', 'Ăn', 'Ân', 'Bùi', 'Dương', 'Đặng']);
	});

	it('returns 0 for equal strings and is antisymmetric', () => {
		expect(compareVietnamese('Hà Nội', 'Hà Nội')).toBe(0);
		expect(Math.sign(compareVietnamese('Huế', 'Hà Nội'))).toBe(-Math.sign(compareVietnamese('Hà Nội', 'Huế')));
	});
});
