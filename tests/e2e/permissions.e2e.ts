import { request as http, expect, test, type APIRequestContext } from '@playwright/test';
import { hashPassword } from '../../src/lib/server/auth/password';
import { newId } from '../../src/lib/server/ids';
import { insertUser } from '../../src/lib/server/users/user.repository';
import { createFixtureContest } from '../helpers/fixtures';
import { E2E_PORT } from '../../playwright.config';
import { freshPhone, openServerDatabase } from './support';

// The studio's permission matrix over real HTTP: who may open and change what.

const BASE = `http://localhost:${E2E_PORT}`;
type Who = 'anonymous' | 'contestant' | 'organizerA' | 'organizerB' | 'admin';

async function organizerOf(contestId: string): Promise<string> {
	const ctx = openServerDatabase();
	const phone = freshPhone();
	const id = newId();
	await insertUser(ctx.db, {
		id,
		phone,
		full_name: `Ban tổ chức ${phone.slice(-3)}`,
		birth_date: null,
		email: null,
		password_hash: await hashPassword('matkhau123'),
		role: 'organizer',
		created_at: Date.now()
	});
	await ctx.db
		.insertInto('organizer_grant')
		.values({ id: newId(), user_id: id, contest_id: contestId, granted_by: null, created_at: Date.now() })
		.execute();
	await ctx.db.destroy();
	return phone;
}

async function session(phone?: string, password = 'matkhau123'): Promise<APIRequestContext> {
	const request = await http.newContext({ baseURL: BASE, extraHTTPHeaders: { origin: BASE, accept: 'text/html' } });
	if (phone) {
		const response = await request.post('/dang-nhap', { form: { phone, password }, maxRedirects: 0 });
		expect(response.status(), `login ${phone}`).toBe(303);
	}
	return request;
}

test('studio pages and actions answer each role as the matrix says', async () => {
	const ctx = openServerDatabase();
	const now = Date.now();
	const a = await createFixtureContest(ctx, {
		opensAt: now - 60_000,
		closesAt: now + 3_600_000,
		slug: `quyen-a-${now}`
	});
	const b = await createFixtureContest(ctx, {
		opensAt: now - 60_000,
		closesAt: now + 3_600_000,
		slug: `quyen-b-${now}`
	});
	// A's bank holds the key of A's open round: only A's organizers and admins may reach it.
	const bank = await ctx.db
		.selectFrom('blueprint_item')
		.select('bank_id as id')
		.where('round_id', '=', a.roundId)
		.executeTakeFirstOrThrow();
	const question = await ctx.db
		.selectFrom('question')
		.select('id')
		.where('bank_id', '=', bank.id)
		.executeTakeFirstOrThrow();
	const unitId = a.unitIds[0];
	await ctx.db.destroy();

	const sessions: Record<Who, APIRequestContext> = {
		anonymous: await session(),
		contestant: await session('0912000101', 'thisinh2026'),
		organizerA: await session(await organizerOf(a.contestId)),
		organizerB: await session(await organizerOf(b.contestId)),
		admin: await session('0900000001', 'quantri2026')
	};

	// Expected status per role: 200 allowed, 403 refused, 303 sent to the login page.
	const reads: [string, Record<Who, number>][] = [
		['/studio/ngan-hang', { anonymous: 303, contestant: 403, organizerA: 200, organizerB: 200, admin: 200 }],
		[
			`/studio/ngan-hang/${bank.id}/xuat?format=gift`,
			{ anonymous: 303, contestant: 403, organizerA: 200, organizerB: 403, admin: 200 }
		],
		[`/studio/ngan-hang/${bank.id}`, { anonymous: 303, contestant: 403, organizerA: 200, organizerB: 403, admin: 200 }],
		[
			`/studio/ngan-hang/${bank.id}/cau-hoi/${question.id}`,
			{ anonymous: 303, contestant: 403, organizerA: 200, organizerB: 403, admin: 200 }
		],
		[
			`/studio/ngan-hang/${bank.id}/nhap`,
			{ anonymous: 303, contestant: 403, organizerA: 200, organizerB: 403, admin: 200 }
		],
		// The unit tree is every contest's: organizers read it, only admins import into it.
		['/studio/don-vi', { anonymous: 303, contestant: 403, organizerA: 200, organizerB: 200, admin: 200 }],
		['/studio/don-vi/nhap', { anonymous: 303, contestant: 403, organizerA: 403, organizerB: 403, admin: 200 }],
		['/studio/cuoc-thi', { anonymous: 303, contestant: 403, organizerA: 200, organizerB: 200, admin: 200 }],
		[
			`/studio/cuoc-thi/${a.contestId}`,
			{ anonymous: 303, contestant: 403, organizerA: 200, organizerB: 403, admin: 200 }
		],
		[
			`/studio/cuoc-thi/${a.contestId}/dot-thi/${a.roundId}`,
			{ anonymous: 303, contestant: 403, organizerA: 200, organizerB: 403, admin: 200 }
		],
		// the season's forms and the question paper (it holds the key): the contest's organizers only
		...[
			`/studio/cuoc-thi/${a.contestId}/tuan-thi`,
			`/studio/cuoc-thi/${a.contestId}/nhan-ban`,
			`/studio/cuoc-thi/${a.contestId}/dot-thi/${a.roundId}/nhan-ban`,
			`/studio/cuoc-thi/${a.contestId}/dot-thi/${a.roundId}/de-giay?nhom=${a.groupIds[0]}&ma=QUYEN2026`
		].map((path): [string, Record<Who, number>] => [
			path,
			{ anonymous: 303, contestant: 403, organizerA: 200, organizerB: 403, admin: 200 }
		]),
		['/studio/nguoi-dung', { anonymous: 303, contestant: 403, organizerA: 403, organizerB: 403, admin: 200 }],
		['/studio/nhat-ky', { anonymous: 303, contestant: 403, organizerA: 403, organizerB: 403, admin: 200 }]
	];
	for (const [path, expected] of reads) {
		for (const who of Object.keys(expected) as Who[]) {
			const response = await sessions[who].get(path, { maxRedirects: 0 });
			expect(response.status(), `${who} GET ${path}`).toBe(expected[who]);
			// a refusal reads as a Vietnamese sentence, never the guard's code
			if (expected[who] === 403) {
				const body = await response.text();
				// shown as an element's text (a page's +error.svelte or an endpoint's plain error page)
				expect(body, `${who} GET ${path}`).toMatch(
					/>(<!--[^>]*-->)*Bạn không có quyền vào khu vực này\.(<!--[^>]*-->)*</
				);
				expect(body, `${who} GET ${path}`).not.toMatch(/>(<!--[^>]*-->)*forbidden(<!--[^>]*-->)*</);
			}
		}
	}

	// A form action is guarded by itself, not only by its page's load.
	const publish = async (who: Who): Promise<number> =>
		(
			await sessions[who].post(`/studio/cuoc-thi/${a.contestId}?/status`, {
				form: { status: 'archived' },
				maxRedirects: 0,
				headers: { accept: 'application/json', 'x-sveltekit-action': 'true' }
			})
		).status();
	expect(await publish('organizerB')).toBe(403);
	expect(await publish('contestant')).toBe(403);
	expect(await publish('organizerA')).toBe(200);
	const copy = async (who: Who): Promise<number> =>
		(
			await sessions[who].post(`/studio/cuoc-thi/${a.contestId}/nhan-ban`, {
				form: { title: 'Bản sao trái phép', slug: `ban-sao-${now}`, startDate: '', shiftDays: '7' },
				maxRedirects: 0,
				headers: { accept: 'application/json', 'x-sveltekit-action': 'true' }
			})
		).status();
	expect(await copy('organizerB')).toBe(403);
	expect(await copy('contestant')).toBe(403);

	// A bank's actions and endpoints check the bank themselves.
	const action = async (who: Who, path: string, form: Record<string, string>): Promise<number> =>
		(
			await sessions[who].post(path, {
				form,
				maxRedirects: 0,
				headers: { accept: 'application/json', 'x-sveltekit-action': 'true' }
			})
		).status();
	const questionPath = `/studio/ngan-hang/${bank.id}/cau-hoi/${question.id}`;
	expect(await action('organizerB', `${questionPath}?/retire`, {})).toBe(403);
	expect(await action('organizerA', `${questionPath}?/retire`, {})).toBe(200);
	expect(await action('admin', `${questionPath}?/restore`, {})).toBe(200);
	expect(await action('organizerB', `/studio/ngan-hang/${bank.id}?/addTopic`, { name: 'Chủ đề lạ' })).toBe(403);
	const dryRun = async (who: Who): Promise<number> =>
		(
			await sessions[who].post(`/studio/ngan-hang/${bank.id}/nhap/kiem-tra`, {
				multipart: {
					format: 'aiken',
					file: {
						name: 'cau-hoi.txt',
						mimeType: 'text/plain',
						buffer: Buffer.from('Câu hỏi?\nA. Một\nB. Hai\nANSWER: A\n')
					}
				},
				maxRedirects: 0
			})
		).status();
	expect(await dryRun('organizerB')).toBe(403);
	expect(await dryRun('organizerA')).toBe(200);
	const banksB = await (await sessions.organizerB.get('/studio/ngan-hang')).text();
	expect(banksB).not.toContain(`/studio/ngan-hang/${bank.id}`);

	// Renaming a unit changes every contest: an organizer is refused, an admin is not.
	const rename = { unitId, name: 'Phường Hà Khánh' };
	expect(await action('organizerA', '/studio/don-vi?/rename', rename)).toBe(403);
	expect(await action('admin', '/studio/don-vi?/rename', rename)).toBe(200);

	// Organizer lists show only granted contests.
	const listB = await (await sessions.organizerB.get('/studio/cuoc-thi')).text();
	expect(listB).not.toContain(`/studio/cuoc-thi/${a.contestId}`);
	expect(listB).toContain(`/studio/cuoc-thi/${b.contestId}`);

	for (const s of Object.values(sessions)) await s.dispose();
});

test('the studio’s refusal of a page’s data request carries the security headers too', async () => {
	const request = await session();
	const response = await request.get('/studio/cuoc-thi/__data.json');
	expect(response.status()).toBe(403);
	expect(response.headers()['x-content-type-options']).toBe('nosniff');
	expect(response.headers()['x-frame-options']).toBe('DENY');
	await request.dispose();
});
