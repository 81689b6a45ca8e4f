import { afterEach, describe, expect, it } from 'vitest';
import { supplyObjectHasOwn } from '../../src/lib/client/old-browsers';

const native = Object.hasOwn;

afterEach(() => {
	Object.defineProperty(Object, 'hasOwn', { value: native, configurable: true, writable: true });
});

describe('supplyObjectHasOwn', () => {
	it('gives a browser without Object.hasOwn one that answers like the real one', () => {
		delete (Object as { hasOwn?: unknown }).hasOwn;
		expect(typeof Object.hasOwn).toBe('undefined');
		supplyObjectHasOwn();
		const object = Object.create({ inherited: 1 }) as Record<string, number>;
		object.own = 2;
		expect(Object.hasOwn(object, 'own')).toBe(true);
		expect(Object.hasOwn(object, 'inherited')).toBe(false);
		expect(Object.hasOwn(new Array<number>(3), 1)).toBe(false);
		expect(Object.hasOwn(Object.create(null) as object, 'x')).toBe(false);
	});

	it('leaves a browser’s own Object.hasOwn in place', () => {
		supplyObjectHasOwn();
		expect(Object.hasOwn).toBe(native);
	});
});
