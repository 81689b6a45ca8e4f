import type { Cookies, RequestEvent } from '@sveltejs/kit';
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GameJoinReply } from '../../src/lib/schemas/game-socket';
import type { SessionUser } from '../../src/lib/server/auth/session';
import { createFixtureContest, MINUTE, type Fixture } from '../helpers/fixtures';
import { createFixtureGame, createSignedInUser, startGameServer, type GameServer } from '../helpers/live-game';
import { createTestContext, type TestContext } from '../helpers/test-context';
import { actions as registerActions } from '../../src/routes/cuoc-thi/[slug]/dang-ky/+page.server';
import { actions as unitActions } from '../../src/routes/studio/don-vi/+page.server';
import { actions as bankActions } from '../../src/routes/studio/ngan-hang/+page.server';

// A name holding NUL, another control character or a bidi override is refused where it comes
// in, with the message of its field, and nothing of it is stored. The route actions run as
// SvelteKit runs them, on a real SQLite file; the nickname goes through a real socket.

let ctx: TestContext;
let fixture: Fixture;
let organizer: SessionUser;

beforeEach(async () => {
	ctx = await createTestContext();
	const now = ctx.clock.now();
	fixture = await createFixtureContest(ctx, { opensAt: now - MINUTE, closesAt: now + 60 * MINUTE });
	const phone = '0900000444';
	const signedIn = await createSignedInUser(ctx, { role: 'organizer', fullName: 'Ban tổ chức', phone });
	organizer = { id: signedIn.userId, role: 'organizer', fullName: 'Ban tổ chức', phone };
});

afterEach(async () => {
	await ctx.dispose();
});

const noCookies = { get: () => undefined, set: () => {}, delete: () => {} } as unknown as Cookies;

/** The event SvelteKit hands a form action: a POST of `fields` by `user`. */
function formPost<Event = RequestEvent>(
	path: string,
	fields: Record<string, string>,
	user: SessionUser | null,
	params = {}
): Event {
	const url = new URL(`http://localhost${path}`);
	const body = new FormData();
	for (const [name, value] of Object.entries(fields)) body.set(name, value);
	return {
		url,
		params,
		request: new Request(url, { method: 'POST', body }),
		locals: { app: ctx, user, session: null, locale: 'vi' },
		cookies: noCookies
	} as unknown as Event;
}

async function count(table: 'question_bank' | 'unit' | 'app_user' | 'registration' | 'live_game_player') {
	const row = await ctx.db
		.selectFrom(table)
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

describe('names with control characters or bidi overrides', () => {
	it('a question bank: refused by its name field, no bank stored', async () => {
		const before = await count('question_bank');
		const result = await bankActions.create(
			formPost('/studio/ngan-hang', { name: 'Ngân hàng \u202Egnohc' }, organizer)
		);
		expect(result).toMatchObject({ status: 400, data: { errors: { name: 'error.text_unsafe_name' } } });
		expect(await count('question_bank')).toBe(before);
	});

	it('a unit: refused by its name or code field, no unit stored', async () => {
		const before = await count('unit');
		const result = await unitActions.add(
			formPost(
				'/studio/don-vi',
				{ code: 'QN-X', name: 'Phường\u0000 Mới', parentId: '', kind: 'ward', headcount: '10' },
				{ ...organizer, role: 'admin' }
			)
		);
		expect(result).toMatchObject({ status: 400, data: { errors: { name: 'error.text_unsafe_name' } } });
		const badCode = await unitActions.add(
			formPost(
				'/studio/don-vi',
				{ code: 'QN\u0000X', name: 'Phường Mới', parentId: '', kind: 'ward', headcount: '10' },
				{ ...organizer, role: 'admin' }
			)
		);
		expect(badCode).toMatchObject({ status: 400, data: { errors: { code: 'error.text_unsafe_name' } } });
		expect(await count('unit')).toBe(before);
	});

	it('a contestant registering: refused by the full name field, no account stored', async () => {
		const before = [await count('app_user'), await count('registration')];
		const result = await registerActions.default(
			formPost(
				`/cuoc-thi/${fixture.slug}/dang-ky`,
				{
					fullName: 'Trần Thị \u2066Mai',
					birthDate: '1990-01-01',
					phone: '0912000999',
					unitId: fixture.unitIds[0],
					groupId: fixture.groupIds[0],
					password: 'matkhau123',
					passwordConfirm: 'matkhau123',
					consent: 'on'
				},
				null,
				{ slug: fixture.slug }
			)
		);
		expect(result).toMatchObject({ status: 400, data: { errors: { fullName: 'error.text_unsafe_name' } } });
		expect([await count('app_user'), await count('registration')]).toEqual(before);
	});

	describe('a nickname in a live game', () => {
		let server: GameServer;
		const sockets: Socket[] = [];

		beforeEach(async () => {
			server = await startGameServer(ctx);
		});

		afterEach(async () => {
			for (const s of sockets.splice(0)) s.disconnect();
			await server.close();
		});

		it('is refused with its own reason and no player is stored', async () => {
			const game = await createFixtureGame(ctx, fixture, organizer.id, { joinMode: 'nickname' });
			const socket = connect(server.url, {
				path: '/socket.io',
				transports: ['websocket'],
				forceNew: true,
				reconnection: false
			});
			sockets.push(socket);
			const join = (nickname: string) =>
				new Promise<GameJoinReply>((resolve) =>
					socket.emit('game:join', { gameId: game.gameId, nickname, unitId: fixture.unitIds[0] }, resolve)
				);
			for (const nickname of ['Hoa\u202ESen', 'Hoa\u0000', 'Hoa\tSen']) {
				expect(await join(nickname), JSON.stringify(nickname)).toEqual({ ok: false, reason: 'nickname_unsafe' });
			}
			expect(await count('live_game_player')).toBe(0);
			// the same name typed cleanly joins
			expect((await join('Hoa Sen')).ok).toBe(true);
		});
	});
});
