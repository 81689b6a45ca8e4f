import { request as http, expect, test, type APIRequestContext } from '@playwright/test';
import { E2E_PORT } from '../../playwright.config';

// A form post whose body is not the multipart it claims to be is the client's fault: every form
// action answers 400 with a plain sentence, not a 500 with an error in the log.

const BASE = `http://localhost:${E2E_PORT}`;
const MESSAGE = 'Máy chủ không đọc được dữ liệu biểu mẫu gửi lên';

const bodies = {
	'no boundary at all': { type: 'multipart/form-data; boundary=----ranh-gioi', body: 'khong phai multipart' },
	'cut off mid-part': {
		type: 'multipart/form-data; boundary=----ranh-gioi',
		body: '------ranh-gioi\r\nContent-Disposition: form-data; name="phone"\r\n\r\n0912'
	},
	'no boundary parameter': { type: 'multipart/form-data', body: '--x\r\n\r\n--x--' }
};

let api: APIRequestContext;

test.beforeAll(async () => {
	api = await http.newContext({ baseURL: BASE, extraHTTPHeaders: { origin: BASE } });
});

test.afterAll(async () => {
	await api.dispose();
});

function noStack(text: string): void {
	expect(text).not.toMatch(/\bat .+:\d+:\d+/);
	expect(text).not.toContain('TypeError');
	expect(text).not.toContain('Internal Error');
}

for (const [name, { type, body }] of Object.entries(bodies)) {
	test(`a malformed multipart body (${name}) answers 400 on a form action`, async () => {
		for (const path of ['/dang-nhap', '/choi', '/cuoc-thi/cai-cach-hanh-chinh-2026/dang-ky']) {
			// a plain form post: the error page, in Vietnamese
			const page = await api.post(path, { headers: { 'content-type': type, accept: 'text/html' }, data: body });
			expect(page.status(), `${path} (page)`).toBe(400);
			const html = await page.text();
			expect(html).toContain(MESSAGE);
			noStack(html);

			// an enhanced form post (use:enhance): the same, as the action's JSON
			const enhanced = await api.post(path, {
				headers: { 'content-type': type, accept: 'application/json', 'x-sveltekit-action': 'true' },
				data: body
			});
			expect(enhanced.status(), `${path} (enhanced)`).toBe(400);
			const json = (await enhanced.json()) as { type: string; error?: { message?: string } };
			expect(json.type).toBe('error');
			expect(json.error?.message).toContain(MESSAGE);
			noStack(JSON.stringify(json));
		}
	});
}

test('a well-formed multipart post still reaches the action', async () => {
	const response = await api.post('/choi', {
		headers: { accept: 'text/html' },
		multipart: { pin: '12' },
		maxRedirects: 0
	});
	expect(response.status()).toBe(400);
	expect(await response.text()).toContain('6 chữ số');
});
