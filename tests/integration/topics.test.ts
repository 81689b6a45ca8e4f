import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addTopic, listTopics, renameTopic } from '../../src/lib/server/questions/question.service';
import { createTestBank } from '../helpers/fixtures';
import { createTestContext, insertOrganizer, type TestContext } from '../helpers/test-context';

let ctx: TestContext;
let actor: { id: string; role: 'organizer' };
let bankId: string;

beforeEach(async () => {
	ctx = await createTestContext();
	actor = await insertOrganizer(ctx, '0900000333');
	bankId = await newBank('Ngân hàng chủ đề');
});

const newBank = (name: string) => createTestBank(ctx, actor, name);

afterEach(async () => {
	await ctx.dispose();
});

describe('the topic tree of a bank', () => {
	it('adds a subtopic under a topic and renames it, with audit rows', async () => {
		const [first] = await listTopics(ctx.db, bankId);
		expect(await addTopic(ctx, actor, bankId, 'Một cửa liên thông', first.id)).toEqual({ ok: true });
		const added = (await listTopics(ctx.db, bankId)).find((t) => t.name === 'Một cửa liên thông')!;
		expect(added.parentId).toBe(first.id);
		expect(await renameTopic(ctx, actor, bankId, added.id, 'Cơ chế một cửa liên thông')).toEqual({ ok: true });
		expect((await listTopics(ctx.db, bankId)).some((t) => t.name === 'Cơ chế một cửa liên thông')).toBe(true);
		const actions = (await ctx.db.selectFrom('audit_log').select('action').execute()).map((a) => a.action);
		expect(actions).toEqual(expect.arrayContaining(['topic.create', 'topic.rename']));
	});

	it('refuses a second topic of the same name, diacritics and case aside', async () => {
		expect(await addTopic(ctx, actor, bankId, 'cai cach the che', null)).toEqual({ ok: false, reason: 'topic_exists' });
		const [first, second] = await listTopics(ctx.db, bankId);
		expect(await renameTopic(ctx, actor, bankId, second.id, first.name.toUpperCase())).toEqual({
			ok: false,
			reason: 'topic_exists'
		});
	});

	it('refuses a parent or a topic from another bank', async () => {
		const other = await newBank('Ngân hàng khác');
		const [foreign] = await listTopics(ctx.db, other);
		expect(await addTopic(ctx, actor, bankId, 'Chủ đề lạc', foreign.id)).toEqual({ ok: false, reason: 'not_found' });
		expect(await renameTopic(ctx, actor, bankId, foreign.id, 'Tên mới')).toEqual({ ok: false, reason: 'not_found' });
	});
});
