import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compareVietnamese } from '../../src/lib/domain/text';
import { grantOrganizer, listGrants } from '../../src/lib/server/contests/grant.service';
import { isPostgres, type Db } from '../../src/lib/server/db/database';
import { newId } from '../../src/lib/server/ids';
import { listContestsOfBank } from '../../src/lib/server/questions/bank-access';
import { insertBankContest } from '../../src/lib/server/questions/bank-contest.repository';
import { createBank, saveQuestion, searchBank } from '../../src/lib/server/questions/question.service';
import { insertUser } from '../../src/lib/server/users/user.repository';
import { yesNoDraft } from '../helpers/fixtures';
import { raceTwo, valueOf } from '../helpers/race';
import { createTestContext, insertAdmin, type TestContext } from '../helpers/test-context';

// Vietnamese names order the same on SQLite and PostgreSQL (binary order would put "Ánh" after
// "Dũng", and PostgreSQL's collation depends on the server), and the question search's
// `LIKE '%word%'` is served by an index on PostgreSQL.

let ctx: TestContext;
let admin: { id: string; role: 'admin' };

beforeEach(async () => {
	ctx = await createTestContext();
	admin = await insertAdmin(ctx, '0900000009');
});

afterEach(async () => {
	await ctx.dispose();
});

// shuffled on purpose; Vietnamese order: Anh, Ánh, Ăn, Dũng, Đức, Ô, Ốc, Ơn
const NAMES = ['Ơn', 'Đức', 'Ánh', 'Ô', 'Dũng', 'Anh', 'Ốc', 'Ăn'];
const IN_ORDER = ['Anh', 'Ánh', 'Ăn', 'Dũng', 'Đức', 'Ô', 'Ốc', 'Ơn'];

async function person(name: string, phone: string): Promise<void> {
	await insertUser(ctx.db, {
		id: newId(),
		phone,
		full_name: name,
		birth_date: null,
		email: null,
		password_hash: 'x',
		role: 'contestant',
		created_at: ctx.clock.now()
	});
}

describe('Vietnamese names', () => {
	it('are in the collator’s order, the one both engines give', () => {
		expect([...NAMES].sort(compareVietnamese)).toEqual(IN_ORDER);
	});

	it('order the organizers’ grants', async () => {
		for (const [i, name] of NAMES.entries()) {
			await person(name, `091700000${i}`);
			expect(await grantOrganizer(ctx, admin, `091700000${i}`, null)).toEqual({ ok: true });
		}
		expect((await listGrants(ctx)).map((g) => g.fullName)).toEqual(IN_ORDER);
	});

	it('order the contests of a bank', async () => {
		const bank = await createBank(ctx, admin, 'Ngân hàng chung');
		if (!bank.ok) throw new Error(bank.reason);
		for (const [i, title] of NAMES.entries()) {
			const id = newId();
			await ctx.db
				.insertInto('contest')
				.values({
					id,
					slug: `cuoc-thi-${i}`,
					title: `${title} thi`,
					summary: '',
					rules_md: '',
					consent_text: 'Đồng ý',
					status: 'draft',
					registration_fields_json: '{}',
					banner_mime: null,
					banner_b64: null,
					created_at: ctx.clock.now()
				})
				.execute();
			await insertBankContest(ctx.db, { bankId: bank.bankId, contestId: id, grantedBy: null, createdAt: 0 });
		}
		expect((await listContestsOfBank(ctx.db, bank.bankId)).map((c) => c.title)).toEqual(
			IN_ORDER.map((t) => `${t} thi`)
		);
	});
});

describe('organizer grants', () => {
	it('are given once when two nodes give the same one at once', async () => {
		await person('Lê Văn Năm', '0917000099');
		const give = (db: Db) => grantOrganizer({ ...ctx, db }, admin, '0917000099', null);
		const answers = (await raceTwo(ctx, 'audit_log', give, give)).map(valueOf);
		expect(answers).toContainEqual({ ok: true });
		expect(answers).toContainEqual({ ok: false, reason: 'grant_exists' });
		expect(await listGrants(ctx)).toHaveLength(1);
	});
});

describe('the question search', () => {
	let bankId: string;

	beforeEach(async () => {
		const bank = await createBank(ctx, admin, 'Ngân hàng tìm kiếm');
		if (!bank.ok) throw new Error(bank.reason);
		bankId = bank.bankId;
		const topicId = (
			await ctx.db.selectFrom('topic').select('id').where('bank_id', '=', bankId).executeTakeFirstOrThrow()
		).id;
		const texts = [
			'Thủ tục đăng ký khai sinh ở đâu?',
			'Cổng Dịch vụ công quốc gia là gì?',
			'Một cửa liên thông là gì?'
		];
		for (const text of texts) {
			const draft = yesNoDraft(topicId, text, ['cchc']);
			const saved = await saveQuestion(ctx, admin, bankId, null, draft, { allowDuplicate: true });
			if (!saved.ok) throw new Error(saved.reason);
		}
	});

	it('finds a word inside a word, without diacritics, on either engine', async () => {
		const found = await searchBank(ctx, admin, bankId, { q: 'lien thon', page: 1 });
		if (!found.ok) throw new Error(found.reason);
		expect(found.items.map((i) => i.text)).toEqual(['Một cửa liên thông là gì?']);
		const inside = await searchBank(ctx, admin, bankId, { q: 'ich vu', page: 1 });
		if (!inside.ok) throw new Error(inside.reason);
		expect(inside.items.map((i) => i.text)).toEqual(['Cổng Dịch vụ công quốc gia là gì?']);
	});

	it('reads a mid-word search from an index: the trigram index on PostgreSQL, the bank’s on SQLite', async () => {
		const plan = await ctx.db.transaction().execute(async (trx) => {
			if (!isPostgres(trx)) {
				const { rows } = await sql<{ detail: string }>`explain query plan
					select id from question where bank_id = ${bankId} and search_text like '%thong%'`.execute(trx);
				return rows.map((r) => r.detail).join('\n');
			}
			// three rows: the planner would rather scan; forbid that to see what an index offers
			await sql`set local enable_seqscan = off`.execute(trx);
			const { rows } = await sql<{ 'QUERY PLAN': string }>`explain
				select id from question where search_text like '%thong%'`.execute(trx);
			return rows.map((r) => r['QUERY PLAN']).join('\n');
		});
		expect(plan).toMatch(isPostgres(ctx.db) ? /question_search_trgm_idx/ : /USING (COVERING )?INDEX question_/);
	});
});
