import { isHttpError } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { answerUnreadableForm } from '../../src/lib/server/http';

// The guard the server hook puts on every post's formData(), on real Request objects.

const MESSAGE = 'Không đọc được biểu mẫu';

function post(body: BodyInit, type: string): Request {
	return new Request('http://localhost/dang-nhap', {
		method: 'POST',
		body,
		headers: { 'content-type': type },
		duplex: 'half'
	} as RequestInit);
}

function guarded(request: Request): { request: Request; unreadable: number[] } {
	const unreadable: number[] = [];
	answerUnreadableForm(request, MESSAGE, () => unreadable.push(1));
	return { request, unreadable };
}

describe('answerUnreadableForm', () => {
	it('turns a body that is not the multipart it claims into a 400 with the message', async () => {
		const { request, unreadable } = guarded(post('khong phai multipart', 'multipart/form-data; boundary=----x'));
		const failure = await request.formData().then(
			() => null,
			(error: unknown) => error
		);
		expect(isHttpError(failure, 400)).toBe(true);
		expect((failure as { body: { message: string } }).body.message).toBe(MESSAGE);
		expect(unreadable).toHaveLength(1);
	});

	it('lets a failure that already has a status through (a body over the size limit: 413)', async () => {
		const tooLarge = Object.assign(new Error('request body size exceeded BODY_SIZE_LIMIT'), { status: 413 });
		const stream = new ReadableStream<Uint8Array>({
			start(controller) {
				controller.enqueue(new TextEncoder().encode('------x\r\n'));
				controller.error(tooLarge);
			}
		});
		const { request, unreadable } = guarded(post(stream, 'multipart/form-data; boundary=----x'));
		await expect(request.formData()).rejects.toBe(tooLarge);
		expect(unreadable).toHaveLength(0);
	});

	it('reads a well-formed form as before', async () => {
		const { request, unreadable } = guarded(post('phone=0912345678&password=abc', 'application/x-www-form-urlencoded'));
		const form = await request.formData();
		expect(form.get('phone')).toBe('0912345678');
		expect(unreadable).toHaveLength(0);
	});
});
