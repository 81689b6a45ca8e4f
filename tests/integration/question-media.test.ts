import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { questionFormInput, questionFormSchema } from '../../src/lib/schemas/question';
import {
	getMedia,
	MAX_AUDIO_BYTES,
	MAX_IMAGE_WIDTH,
	prepareAudio,
	prepareImage,
	storeMedia
} from '../../src/lib/server/media/media.service';
import { storeQuestionUploads } from '../../src/lib/server/questions/question-media';
import { saveQuestion } from '../../src/lib/server/questions/question.service';
import { GET } from '../../src/routes/media/[file]/+server';
import { pngOf } from '../helpers/media';
import { getAttemptView } from '../../src/lib/server/attempts/attempt.service';
import { createContestant, createFixtureContest, MINUTE } from '../helpers/fixtures';
import { startFresh } from './support';
import { createTestContext, insertAdmin, type TestContext } from '../helpers/test-context';

// Pictures and sound on questions: what an upload becomes, how it is served, and what the editor
// refuses.

let ctx: TestContext;

beforeEach(async () => {
	ctx = await createTestContext();
});

afterEach(async () => {
	await ctx.dispose();
});

/** A phone photo: 3000 × 2000 JPEG taken on its side (EXIF orientation 6) with a GPS position. */
function phonePhoto(): Promise<Buffer> {
	return sharp({ create: { width: 3000, height: 2000, channels: 3, background: { r: 200, g: 30, b: 30 } } })
		.jpeg()
		.withMetadata({ orientation: 6 })
		.withExif({ IFD0: { Make: 'PhoneCo' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '21/1 1/1 0/1' } })
		.toBuffer();
}

/** One MPEG-1 Layer III frame header and silence, behind an ID3v2 tag and before an ID3v1 tag. */
function taggedMp3(): Buffer {
	const frame = Buffer.concat([Buffer.from([0xff, 0xfb, 0x90, 0x64]), Buffer.alloc(413)]);
	const id3body = Buffer.from('TIT2\u0000\u0000\u0000\u0006\u0000\u0000\u0000Tên bài', 'latin1');
	const size = id3body.byteLength;
	const header = Buffer.from([
		0x49,
		0x44,
		0x33,
		3,
		0,
		0,
		(size >> 21) & 0x7f,
		(size >> 14) & 0x7f,
		(size >> 7) & 0x7f,
		size & 0x7f
	]);
	const v1 = Buffer.concat([Buffer.from('TAG', 'latin1'), Buffer.alloc(125, 0x20)]);
	return Buffer.concat([header, id3body, frame, frame, v1]);
}

describe('a question picture', () => {
	it('is turned upright, scaled to 1280 px wide, re-encoded as WebP and stripped of its EXIF (GPS)', async () => {
		const photo = await phonePhoto();
		expect((await sharp(photo).metadata()).exif).toBeDefined();
		expect(photo.includes(Buffer.from('PhoneCo'))).toBe(true);
		const prepared = await prepareImage(photo);
		expect(prepared.ok).toBe(true);
		if (!prepared.ok) return;
		const { media } = prepared;
		expect(media.mime).toBe('image/webp');
		// on its side: 2000 wide once upright, then scaled to the limit
		expect(media.width).toBe(MAX_IMAGE_WIDTH);
		expect(media.height).toBe(Math.round((3000 / 2000) * MAX_IMAGE_WIDTH));
		const meta = await sharp(media.bytes).metadata();
		expect(meta.format).toBe('webp');
		expect(meta.exif).toBeUndefined();
		expect(meta.xmp).toBeUndefined();
		expect(media.bytes.includes(Buffer.from('PhoneCo'))).toBe(false);
		expect(media.id).toBe(createHash('sha256').update(media.bytes).digest('hex'));
		// the same upload is the same file: one id
		const again = await prepareImage(photo);
		expect(again.ok && again.media.id).toBe(media.id);
	});

	it('keeps a small picture its size, and refuses what is not a picture or too big to decode safely', async () => {
		const small = await prepareImage(await pngOf([10, 20, 30], 200, 100));
		expect(small.ok && [small.media.width, small.media.height]).toEqual([200, 100]);
		expect(await prepareImage(new TextEncoder().encode('<svg onload="alert(1)"></svg>'))).toEqual({
			ok: false,
			reason: 'media_type'
		});
		// a PNG header that declares 50,000 × 50,000 pixels: refused before it is decoded
		const bomb = Buffer.from(await pngOf([0, 0, 0], 1, 1));
		bomb.writeUInt32BE(50_000, 16);
		bomb.writeUInt32BE(50_000, 20);
		expect(await prepareImage(bomb)).toEqual({ ok: false, reason: 'media_dimensions' });
		// starts like a PNG, does not decode
		const broken = Buffer.concat([(await pngOf([0, 0, 0], 4, 4)).subarray(0, 33), Buffer.alloc(40, 7)]);
		expect(await prepareImage(broken)).toEqual({ ok: false, reason: 'media_type' });
	});

	it('is served at its hash with a year of cache, its type and nosniff; anything else is a 404', async () => {
		const prepared = await prepareImage(await pngOf([1, 2, 3]));
		if (!prepared.ok) throw new Error(prepared.reason);
		await storeMedia(ctx.db, prepared.media, ctx.clock.now());
		await storeMedia(ctx.db, prepared.media, ctx.clock.now());
		expect(await ctx.db.selectFrom('media').select('id').execute()).toHaveLength(1);
		const get = (file: string) =>
			GET({ locals: { app: ctx }, params: { file } } as unknown as Parameters<typeof GET>[0]);
		for (const file of [prepared.media.id, `${prepared.media.id}.webp`]) {
			const response = await get(file);
			expect(response.status).toBe(200);
			expect(response.headers.get('content-type')).toBe('image/webp');
			expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
			expect(response.headers.get('x-content-type-options')).toBe('nosniff');
			expect(Buffer.from(await response.arrayBuffer()).equals(prepared.media.bytes)).toBe(true);
		}
		for (const file of ['0'.repeat(64), '../../etc/passwd', 'A'.repeat(64)]) {
			await expect(get(file)).rejects.toMatchObject({ status: 404 });
		}
	});
});

describe('a question sound', () => {
	it('accepts MP3 (without its ID3 tags), Ogg and M4A by their bytes, up to 3 MB', async () => {
		const mp3 = prepareAudio(taggedMp3());
		expect(mp3.ok).toBe(true);
		if (!mp3.ok) return;
		expect(mp3.media.mime).toBe('audio/mpeg');
		expect(mp3.media.bytes.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xfb]));
		expect(mp3.media.bytes.includes(Buffer.from('TAG'))).toBe(false);
		expect(mp3.media.bytes.includes(Buffer.from('TIT2'))).toBe(false);
		const ogg = prepareAudio(Buffer.concat([Buffer.from('OggS'), Buffer.alloc(60)]));
		expect(ogg.ok && ogg.media.mime).toBe('audio/ogg');
		const m4a = prepareAudio(Buffer.concat([Buffer.from([0, 0, 0, 0x20]), Buffer.from('ftypM4A '), Buffer.alloc(40)]));
		expect(m4a.ok && m4a.media.mime).toBe('audio/mp4');
		expect(prepareAudio(Buffer.from('<html>not a sound</html>'))).toEqual({ ok: false, reason: 'media_type' });
		const long = Buffer.concat([Buffer.from('OggS'), Buffer.alloc(MAX_AUDIO_BYTES)]);
		expect(prepareAudio(long)).toEqual({ ok: false, reason: 'media_size' });
	});
});

describe('the question editor', () => {
	function editorForm(fields: Record<string, string | Blob>): FormData {
		const form = new FormData();
		const base: Record<string, string> = {
			topicId: 'x',
			type: 'single',
			difficulty: 'easy',
			text: 'Biểu trưng nào là của Cổng Dịch vụ công quốc gia?',
			'option-0': 'Hình thứ nhất',
			'correct-0': 'on',
			'option-1': 'Hình thứ hai'
		};
		for (const [k, v] of Object.entries({ ...base, ...fields })) form.set(k, v);
		return form;
	}

	it('stores an uploaded picture, asks for its alt text in Vietnamese, and keeps it across a refused save', async () => {
		const form = editorForm({
			imageFile: new File([new Uint8Array(await pngOf([9, 9, 9]))], 'logo.png', { type: 'image/png' })
		});
		expect(await storeQuestionUploads(ctx, form)).toEqual({});
		const stored = String(form.get('imageMedia'));
		expect(stored).toMatch(/^[0-9a-f]{64}$/);
		const refused = questionFormSchema.safeParse(questionFormInput(form));
		expect(refused.success).toBe(false);
		expect(refused.error!.issues.map((i) => [i.path[0], i.message])).toContainEqual([
			'imageAlt',
			'error.image_alt_required'
		]);
		// the form given back carries the stored picture, so the organizer only adds the alt text
		expect(questionFormInput(form).image).toEqual({ media: stored, alt: '' });
		form.set('imageAlt', 'Biểu trưng màu đỏ');
		const parsed = questionFormSchema.safeParse(questionFormInput(form));
		expect(parsed.success && parsed.data.image).toEqual({ media: stored, alt: 'Biểu trưng màu đỏ' });
	});

	it('refuses a file that is not a picture, and forgets ids that are not stored files', async () => {
		const fake = new File([new TextEncoder().encode('MZ not a picture')], 'anh.png', { type: 'image/png' });
		const form = editorForm({ imageFile: fake, 'option-image-media-1': 'f'.repeat(64), audioMedia: 'e'.repeat(64) });
		expect(await storeQuestionUploads(ctx, form)).toEqual({ imageAlt: 'error.media_type_image' });
		expect(form.get('option-image-media-1')).toBeNull();
		expect(form.get('audioMedia')).toBeNull();
	});

	it('saves a question with a picture and an option picture; a new alt text is a new version', async () => {
		const admin = await insertAdmin(ctx, '0900000777');
		const now = ctx.clock.now();
		await createFixtureContest(ctx, { opensAt: now, closesAt: now + 60 * MINUTE });
		const topic = await ctx.db.selectFrom('topic').select(['id', 'bank_id']).executeTakeFirstOrThrow();
		const form = editorForm({
			topicId: topic.id,
			imageFile: new File([new Uint8Array(await pngOf([5, 6, 7]))], 'a.png'),
			imageAlt: 'Mẫu tờ khai',
			'option-image-file-1': new File([new Uint8Array(await pngOf([7, 6, 5]))], 'b.png'),
			'option-image-alt-1': 'Biểu trưng thứ hai'
		});
		expect(await storeQuestionUploads(ctx, form)).toEqual({});
		const draft = questionFormSchema.parse(questionFormInput(form));
		const saved = await saveQuestion(ctx, admin, topic.bank_id, null, draft, { allowDuplicate: true });
		expect(saved).toMatchObject({ ok: true, version: 1 });
		if (!saved.ok) return;
		const version = await ctx.db
			.selectFrom('question_version')
			.select(['options_json', 'image_media_id'])
			.where('question_id', '=', saved.questionId)
			.executeTakeFirstOrThrow();
		expect(version.image_media_id).toBe(draft.image!.media);
		const options = JSON.parse(version.options_json) as { image?: { media: string; alt: string } }[];
		expect(options[0].image).toBeUndefined();
		expect(options[1].image).toEqual({ media: String(form.get('option-image-media-1')), alt: 'Biểu trưng thứ hai' });
		expect(await getMedia(ctx.db, options[1].image!.media)).toMatchObject({ kind: 'image', mime: 'image/webp' });

		const same = await saveQuestion(ctx, admin, topic.bank_id, saved.questionId, draft, { allowDuplicate: true });
		expect(same).toMatchObject({ ok: true, version: 1, changed: false });
		const realt = { ...draft, image: { media: draft.image!.media, alt: 'Mẫu tờ khai đăng ký khai sinh' } };
		const next = await saveQuestion(ctx, admin, topic.bank_id, saved.questionId, realt, { allowDuplicate: true });
		expect(next).toMatchObject({ ok: true, version: 2, changed: true });
	});

	it('carries a sound from the editor to the attempt page, served as audio/mpeg', async () => {
		const admin = await insertAdmin(ctx, '0900000778');
		const now = ctx.clock.now();
		const fixture = await createFixtureContest(ctx, { opensAt: now - MINUTE, closesAt: now + 60 * MINUTE });
		const singles = await ctx.db
			.selectFrom('question')
			.select(['id', 'bank_id', 'topic_id'])
			.where('type', '=', 'single')
			.orderBy('position')
			.execute();
		// two of the three single-answer questions are drawn: the edited one always
		await ctx.db.updateTable('question').set({ status: 'retired' }).where('id', '=', singles[2].id).execute();
		const form = editorForm({
			topicId: singles[0].topic_id,
			audioFile: new File([new Uint8Array(taggedMp3())], 'doc-cau-hoi.mp3', { type: 'audio/mpeg' })
		});
		expect(await storeQuestionUploads(ctx, form)).toEqual({});
		const draft = questionFormSchema.parse(questionFormInput(form));
		expect(draft.audio).toMatch(/^[0-9a-f]{64}$/);
		const saved = await saveQuestion(ctx, admin, singles[0].bank_id, singles[0].id, draft, { allowDuplicate: true });
		expect(saved).toMatchObject({ ok: true, version: 2 });

		const userId = await createContestant(ctx, fixture, { phone: '0913000021' });
		const view = (await getAttemptView(ctx, await startFresh(ctx, userId, fixture.roundId), userId))!;
		const item = view.items.find((i) => i.text === draft.text)!;
		expect(item.audio).toBe(`/media/${draft.audio}`);
		expect(view.items.filter((i) => i.audio)).toHaveLength(1);
		const response = await GET({ locals: { app: ctx }, params: { file: draft.audio! } } as unknown as Parameters<
			typeof GET
		>[0]);
		expect(response.headers.get('content-type')).toBe('audio/mpeg');
		expect(response.headers.get('accept-ranges')).toBe('bytes');
		// what Safari asks for before it plays: a range, answered 206 with exactly those bytes
		const stored = (await getMedia(ctx.db, draft.audio!))!.bytes;
		const ranged = (range: string) =>
			GET({
				locals: { app: ctx },
				params: { file: draft.audio! },
				request: new Request('http://localhost/', { headers: { range } })
			} as unknown as Parameters<typeof GET>[0]);
		const first = await ranged('bytes=0-1');
		expect(first.status).toBe(206);
		expect(first.headers.get('content-range')).toBe(`bytes 0-1/${stored.byteLength}`);
		expect(Buffer.from(await first.arrayBuffer())).toEqual(stored.subarray(0, 2));
		const tail = await ranged('bytes=-10');
		expect(Buffer.from(await tail.arrayBuffer())).toEqual(stored.subarray(stored.byteLength - 10));
		expect((await ranged(`bytes=${stored.byteLength}-`)).status).toBe(416);

		// removing it is a new version without sound
		form.set('removeAudio', 'on');
		const silent = questionFormSchema.parse(questionFormInput(form));
		expect(silent.audio).toBeNull();
		const removed = await saveQuestion(ctx, admin, singles[0].bank_id, singles[0].id, silent, { allowDuplicate: true });
		expect(removed).toMatchObject({ ok: true, version: 3 });
	});
});
