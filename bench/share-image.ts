// The share image of a contest page (issue 17): how long one drawing takes (satori lays it out,
// resvg rasterizes it) against the cached answer, in the same run.
//  1. the first drawing in a fresh process (fonts read, satori's and resvg's set-up);
//  2. cold: each image new (its title differs, so nothing is cached), p50 / p95;
//  3. cold with a 1600 × 400 banner (sharp crops it first);
//  4. cached: the same card asked again (the hash of the card, then the cache), p50 / p95, and
//     the image route's whole cache hit (the contest and its rounds read, then the same).
// Run: npx tsx bench/share-image.ts [drawings=20]
import sharp from 'sharp';
import { performance } from 'node:perf_hooks';
import { cardKey } from '../src/lib/server/share/share-card';
import { clearShareImages, drawShareImage, findContestShareCard } from '../src/lib/server/share/share-image.service';
import { createFixtureContest, MINUTE } from '../tests/helpers/fixtures';
import { createBenchContext, line, percentile } from './support';

const drawings = Number(process.argv[2] ?? 20);
const ctx = await createBenchContext(Date.UTC(2026, 11, 8, 3));
const fixture = await createFixtureContest(ctx, {
	opensAt: ctx.clock.now() - MINUTE,
	closesAt: ctx.clock.now() + 60 * MINUTE
});
const base = (await findContestShareCard(ctx, fixture.slug))!;

async function time(run: () => Promise<unknown>): Promise<number> {
	const start = performance.now();
	await run();
	return performance.now() - start;
}

async function series(count: number, run: (i: number) => Promise<unknown>): Promise<number[]> {
	const times: number[] = [];
	for (let i = 0; i < count; i++) times.push(await time(() => run(i)));
	return times.sort((a, b) => a - b);
}

const title = (i: number): string =>
	`Cuộc thi trực tuyến tìm hiểu cải cách hành chính tỉnh Quảng Ninh năm 2026 — bản ${i}`;

const first = await time(() => drawShareImage(ctx, { ...base, title: title(-1) }));
const cold = await series(drawings, (i) => drawShareImage(ctx, { ...base, title: title(i) }));

const banner = await sharp({ create: { width: 1600, height: 400, channels: 3, background: '#c8102e' } })
	.png()
	.toBuffer();
await ctx.db
	.updateTable('contest')
	.set({ banner_mime: 'image/png', banner_b64: banner.toString('base64'), banner_version: 1 })
	.execute();
const withBanner = (await findContestShareCard(ctx, fixture.slug))!;
const coldBanner = await series(drawings, (i) => drawShareImage(ctx, { ...withBanner, title: title(1000 + i) }));

clearShareImages();
const cachedImage = await drawShareImage(ctx, base);
const cached = await series(drawings * 50, () => drawShareImage(ctx, base));
const size = cachedImage.png.length;
// what the image route does on a cache hit: read the contest and its rounds, hash the card, find it
const cachedRoute = await series(drawings * 10, async () =>
	drawShareImage(ctx, (await findContestShareCard(ctx, fixture.slug))!)
);

const ms = (v: number): string => `${v.toFixed(v < 1 ? 3 : 1)} ms`;
line('drawings per series', `${drawings} (cached: ${drawings * 50})`);
line('image size (no banner)', `${(size / 1024).toFixed(0)} kB, key ${cardKey(base)}`);
line('first drawing in the process', ms(first));
line('cold drawing, p50 / p95', `${ms(percentile(cold, 50))} / ${ms(percentile(cold, 95))}`);
line('cold drawing with a banner, p50 / p95', `${ms(percentile(coldBanner, 50))} / ${ms(percentile(coldBanner, 95))}`);
line('cached, p50 / p95', `${ms(percentile(cached, 50))} / ${ms(percentile(cached, 95))}`);
line(
	'cached, card read from the database, p50 / p95',
	`${ms(percentile(cachedRoute, 50))} / ${ms(percentile(cachedRoute, 95))}`
);
line('ratio cold / cached with the reads (p50)', `${(percentile(cold, 50) / percentile(cachedRoute, 50)).toFixed(0)}×`);
line('ratio cold / cached (p50)', `${(percentile(cold, 50) / percentile(cached, 50)).toFixed(0)}×`);
await ctx.db.destroy();
