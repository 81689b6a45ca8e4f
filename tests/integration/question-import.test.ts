import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportedQuestion } from '../../src/lib/domain/import/types';
import { createDatabase } from '../../src/lib/server/db/database';
import { checkImport, confirmImport } from '../../src/lib/server/questions/import.service';
import { createPendingImports, type PendingImports } from '../../src/lib/server/questions/pending-imports';
import { exportBank, type Actor } from '../../src/lib/server/questions/question.service';
import { createTestBank } from '../helpers/fixtures';
import { createTestContext, insertOrganizer, type TestContext } from '../helpers/test-context';

let ctx: TestContext;
let pending: PendingImports;
let organizer: Actor;
let bankId: string;

beforeEach(async () => {
	ctx = await createTestContext();
	pending = createPendingImports(ctx.db);
	organizer = await createActor('0912345678');
	bankId = await createTestBank(ctx, organizer, 'Ngân hàng nhập');
});

afterEach(async () => {
	await ctx.dispose();
});

const createActor = (phone: string): Promise<Actor> => insertOrganizer(ctx, phone);

async function bankTexts(): Promise<string[]> {
	const exported = await exportBank(ctx, organizer, bankId);
	if (!exported.ok) throw new Error(`bank not exported: ${exported.reason}`);
	return exported.questions.map((q) => q.text);
}

function single(text: string): ImportedQuestion {
	return {
		topic: '',
		type: 'single',
		text,
		options: [
			{ text: 'Một', correct: true },
			{ text: 'Hai', correct: false }
		],
		difficulty: 'medium',
		explanation: '',
		legalReference: '',
		tags: []
	};
}

const FIRST = [
	single('Thời hạn giải quyết thủ tục hành chính được tính từ ngày nào?'),
	single('Cơ quan nào tiếp nhận hồ sơ theo cơ chế một cửa tại cấp xã?'),
	single('Cổng Dịch vụ công quốc gia do cơ quan nào quản lý?')
];

/** Single-answer questions as an Aiken file. */
function aikenFile(questions: ImportedQuestion[], name = 'cau-hoi.txt') {
	const blocks = questions.map((q) => {
		const letters = q.options.map((o, i) => `${String.fromCharCode(65 + i)}. ${o.text}`);
		const answer = String.fromCharCode(65 + q.options.findIndex((o) => o.correct));
		return [q.text, ...letters, `ANSWER: ${answer}`].join('\n');
	});
	return { name, bytes: new TextEncoder().encode(blocks.join('\n\n') + '\n') };
}

/** Checks and confirms a file, failing the test if either step does not succeed. */
async function importFile(questions: ImportedQuestion[], skipDuplicates = false) {
	const checked = await checkImport(ctx, pending, organizer, bankId, aikenFile(questions), '');
	if (!checked.ok) throw new Error(`check failed: ${checked.reason}`);
	return {
		checked,
		confirmed: await confirmImport(ctx, pending, organizer, bankId, checked.token, { skipDuplicates })
	};
}

describe('the dry run flags likely duplicates', () => {
	it('warns on every row when the same questions are imported twice', async () => {
		const first = await importFile(FIRST);
		expect(first.checked.preview.duplicateCount).toBe(0);
		const again = await checkImport(ctx, pending, organizer, bankId, aikenFile(FIRST), '');
		expect(again.ok).toBe(true);
		if (!again.ok) return;
		expect(again.preview.duplicateCount).toBe(3);
		expect(again.preview.duplicates.map((d) => d.number)).toEqual([1, 2, 3]);
		expect(again.preview.duplicates[1].matches).toEqual([{ source: 'bank', text: FIRST[1].text, similarity: 1 }]);
	});

	it('catches a near duplicate in the bank (case, diacritics, punctuation) and one within the file', async () => {
		await importFile(FIRST.slice(0, 1));
		const file = [
			single('THỜI HẠN GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH ĐƯỢC TÍNH TỪ NGÀY NÀO'),
			single('Luật Cán bộ, công chức có hiệu lực từ năm nào?'),
			single('Ai ký ban hành Nghị quyết 76/NQ-CP?'),
			single('Luật Cán bộ công chức có hiệu lực từ năm nào ?')
		];
		const checked = await checkImport(ctx, pending, organizer, bankId, aikenFile(file), '');
		expect(checked.ok).toBe(true);
		if (!checked.ok) return;
		expect(checked.preview.duplicates.map((d) => [d.number, d.matches.map((m) => [m.source, m.number])])).toEqual([
			[1, [['bank', undefined]]],
			[4, [['file', 2]]]
		]);
	});

	it('imports everything by default and leaves the flagged rows out with "skip duplicates"', async () => {
		await importFile(FIRST.slice(0, 2));
		const file = [...FIRST, single('Chính phủ số là gì?')];
		const kept = await importFile(file, true);
		expect(kept.confirmed).toEqual({ ok: true, created: 2, skipped: 2, topicsCreated: [] });
		expect(await bankTexts()).toEqual([FIRST[0].text, FIRST[1].text, FIRST[2].text, 'Chính phủ số là gì?']);
		const all = await importFile(file, false);
		expect(all.confirmed).toMatchObject({ ok: true, created: 4, skipped: 0 });
		expect(await bankTexts()).toHaveLength(8);
	});

	it('writes nothing when every row is a skipped duplicate', async () => {
		await importFile(FIRST);
		const again = await importFile(FIRST, true);
		expect(again.confirmed).toEqual({ ok: true, created: 0, skipped: 3, topicsCreated: [] });
		expect(await bankTexts()).toHaveLength(3);
	});
});

describe("the dry run's format", () => {
	it("reads Moodle's GIFT export named .txt as GIFT when the format is left on Auto", async () => {
		const gift = [
			'// question: 1  name: Câu 1',
			'$CATEGORY: $course$/top/Cải cách thủ tục hành chính',
			'',
			'::Câu 1::Thời hạn giải quyết được tính từ khi nào?{',
			'\t~Từ ngày nộp đơn',
			'\t=Từ ngày nhận đủ hồ sơ hợp lệ',
			'}',
			''
		].join('\n');
		const file = { name: 'moodle-export.txt', bytes: new TextEncoder().encode(gift) };
		const checked = await checkImport(ctx, pending, organizer, bankId, file, '');
		expect(checked.ok).toBe(true);
		if (checked.ok) {
			expect(checked.preview.byTopic).toEqual([{ name: 'Cải cách thủ tục hành chính', count: 1, isNew: false }]);
		}
	});
});

describe('pending imports are capped', () => {
	it("keeps a person's latest checks only: an older token stops working", async () => {
		pending = createPendingImports(ctx.db, { perActor: 2, entries: 10, questions: 1000 });
		const tokens: string[] = [];
		for (let i = 0; i < 3; i++) {
			const checked = await checkImport(ctx, pending, organizer, bankId, aikenFile(FIRST), '');
			if (!checked.ok) throw new Error(checked.reason);
			tokens.push(checked.token);
		}
		expect(await pending.size(ctx.clock.now())).toBe(2);
		const opts = { skipDuplicates: false };
		expect(await confirmImport(ctx, pending, organizer, bankId, tokens[0], opts)).toEqual({
			ok: false,
			reason: 'import_expired'
		});
		expect(await confirmImport(ctx, pending, organizer, bankId, tokens[2], opts)).toMatchObject({
			ok: true,
			created: 3
		});
	});

	it('refuses a check, saying so, once the process holds its cap of entries or questions', async () => {
		pending = createPendingImports(ctx.db, { perActor: 5, entries: 2, questions: 1000 });
		const others = [await createActor('0911111111'), await createActor('0922222222'), await createActor('0933333333')];
		const results = [];
		for (const actor of others) results.push(await checkImport(ctx, pending, actor, bankId, aikenFile(FIRST), ''));
		expect(results.map((r) => r.ok)).toEqual([true, true, false]);
		expect(results[2]).toEqual({ ok: false, reason: 'import_busy' });
		expect(await pending.size(ctx.clock.now())).toBe(2);

		// once those have expired, a smaller cap of questions
		ctx.clock.advance(30 * 60 * 1000);
		pending = createPendingImports(ctx.db, { perActor: 5, entries: 10, questions: 5 });
		const [a, b] = others;
		expect((await checkImport(ctx, pending, a, bankId, aikenFile(FIRST), '')).ok).toBe(true);
		expect(await checkImport(ctx, pending, b, bankId, aikenFile(FIRST), '')).toEqual({
			ok: false,
			reason: 'import_busy'
		});
	});

	it('refuses a dry run and a confirmation into a bank the organizer may not open', async () => {
		const stranger = await createActor('0944444444');
		await ctx.db.deleteFrom('organizer_grant').where('user_id', '=', stranger.id).execute();
		expect(await checkImport(ctx, pending, stranger, bankId, aikenFile(FIRST), '')).toEqual({
			ok: false,
			reason: 'forbidden'
		});
		expect(await pending.size(ctx.clock.now())).toBe(0);
		const checked = await checkImport(ctx, pending, organizer, bankId, aikenFile(FIRST), '');
		expect(checked.ok).toBe(true);
		await ctx.db.deleteFrom('organizer_grant').where('user_id', '=', organizer.id).execute();
		if (!checked.ok) return;
		expect(await confirmImport(ctx, pending, organizer, bankId, checked.token, { skipDuplicates: false })).toEqual({
			ok: false,
			reason: 'forbidden'
		});
		expect(await ctx.db.selectFrom('question').select('id').execute()).toHaveLength(0);
	});

	it('frees the room of expired and confirmed entries', async () => {
		pending = createPendingImports(ctx.db, { perActor: 5, entries: 1, questions: 1000 });
		const first = await checkImport(ctx, pending, organizer, bankId, aikenFile(FIRST), '');
		const other = await createActor('0944444444');
		expect(await checkImport(ctx, pending, other, bankId, aikenFile(FIRST), '')).toEqual({
			ok: false,
			reason: 'import_busy'
		});
		ctx.clock.advance(30 * 60 * 1000);
		expect((await checkImport(ctx, pending, other, bankId, aikenFile(FIRST), '')).ok).toBe(true);
		expect(first.ok).toBe(true);
	});
});

describe('pending imports across app nodes', () => {
	/** A second node: its own connection to the same database, its own pending imports. */
	async function withSecondNode(work: (node: { ctx: TestContext; pending: PendingImports }) => Promise<void>) {
		const db = createDatabase(ctx.url);
		try {
			await work({ ctx: { ...ctx, db }, pending: createPendingImports(db) });
		} finally {
			await db.destroy();
		}
	}

	it('confirms on one node an import checked on another, once', async () => {
		await withSecondNode(async (b) => {
			const checked = await checkImport(ctx, pending, organizer, bankId, aikenFile(FIRST), '');
			if (!checked.ok) throw new Error(checked.reason);
			const opts = { skipDuplicates: false };
			const [first, second] = await Promise.all([
				confirmImport(b.ctx, b.pending, organizer, bankId, checked.token, opts),
				confirmImport(ctx, pending, organizer, bankId, checked.token, opts)
			]);
			expect([first, second].filter((r) => r.ok)).toEqual([
				{ ok: true, created: 3, skipped: 0, topicsCreated: ['Chung'] }
			]);
			expect([first, second].filter((r) => !r.ok)).toEqual([{ ok: false, reason: 'import_expired' }]);
			expect(await bankTexts()).toEqual(FIRST.map((q) => q.text));
		});
	});

	it('refuses an expired check on any node and prunes it from the table', async () => {
		await withSecondNode(async (b) => {
			const checked = await checkImport(ctx, pending, organizer, bankId, aikenFile(FIRST), '');
			if (!checked.ok) throw new Error(checked.reason);
			expect(await ctx.db.selectFrom('pending_import').select('token_hash').execute()).toHaveLength(1);
			ctx.clock.advance(30 * 60 * 1000);
			expect(
				await confirmImport(b.ctx, b.pending, organizer, bankId, checked.token, { skipDuplicates: false })
			).toEqual({ ok: false, reason: 'import_expired' });
			expect(await ctx.db.selectFrom('pending_import').select('token_hash').execute()).toHaveLength(0);
			expect(await bankTexts()).toEqual([]);
		});
	});

	it('keeps the caps for every node together', async () => {
		pending = createPendingImports(ctx.db, { perActor: 5, entries: 1, questions: 1000 });
		await withSecondNode(async (b) => {
			const other = await createActor('0955555555');
			expect((await checkImport(ctx, pending, organizer, bankId, aikenFile(FIRST), '')).ok).toBe(true);
			const capped = createPendingImports(b.ctx.db, { perActor: 5, entries: 1, questions: 1000 });
			expect(await checkImport(b.ctx, capped, other, bankId, aikenFile(FIRST), '')).toEqual({
				ok: false,
				reason: 'import_busy'
			});
		});
	});
});
