import type { AttemptRecord } from '../../src/lib/domain/fair-play/types';

// A synthetic round where the truth is known, for the fair-play tests and bench/fair-play.ts.
// Honest contestants answer by a Rasch model (ability θ ~ N(0, 1), item difficulty b ~ N(0, 1)),
// their wrong answers spread over the wrong options by per-question popularity, their time per
// question lognormal around 12 s; some sit in one office behind one address. Planted among them:
// copiers (each copies 90 % of a source's answers and finishes near it), scripted attempts (all
// right at under a second a question), accounts sharing one device, and a burst of accounts
// registered from one address within minutes.

export interface SyntheticOptions {
	seed: number;
	honest: number;
	questions?: number;
	/** questions drawn per attempt from the bank (default: all of them, in a shuffled order) */
	drawn?: number;
	copiers?: number;
	/** share of the source's answers a copier takes (default 0.9) */
	copyRate?: number;
	/** a copier's source has at least this many wrong answers (default 0) */
	minSourceWrong?: number;
	scripts?: number;
	/** groups of 3 accounts on one device */
	deviceGroups?: number;
	/** accounts registered in a burst from one address */
	burstAccounts?: number;
	opensAt?: number;
}

export interface SyntheticRound {
	attempts: AttemptRecord[];
	/** the attempt's planted role; absent: honest */
	planted: Map<string, 'copier' | 'source' | 'script' | 'device' | 'burst'>;
	/** per question, the correct answer code */
	keys: number[];
	opensAt: number;
}

export function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export function syntheticRound(o: SyntheticOptions): SyntheticRound {
	const rnd = mulberry32(o.seed);
	const gauss = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
	const nq = o.questions ?? 20;
	const drawn = o.drawn ?? nq;
	const opensAt = o.opensAt ?? Date.UTC(2026, 10, 16, 17, 0, 0);
	const difficulty = Array.from({ length: nq }, () => gauss());
	const keys = Array.from({ length: nq }, () => Math.floor(rnd() * 4));
	// popularity of the three wrong options of each question
	const wrongWeights = Array.from({ length: nq }, () => {
		const w = [rnd() + 0.2, rnd() + 0.1, rnd() * 0.5 + 0.05];
		const sum = w[0] + w[1] + w[2];
		return w.map((x) => x / sum);
	});
	const wrongOptions = keys.map((k) => [0, 1, 2, 3].filter((x) => x !== k));
	const attempts: AttemptRecord[] = [];
	const planted: SyntheticRound['planted'] = new Map();
	let n = 0;
	const office = 'office-address';

	const draw = (): number[] => {
		const qs = Array.from({ length: nq }, (_, i) => i);
		for (let i = nq - 1; i > 0; i--) {
			const j = Math.floor(rnd() * (i + 1));
			[qs[i], qs[j]] = [qs[j], qs[i]];
		}
		return qs.slice(0, drawn);
	};
	const honestAnswer = (q: number, theta: number): number => {
		if (rnd() < 1 / (1 + Math.exp(-(theta - difficulty[q])))) return keys[q];
		const u = rnd();
		const w = wrongWeights[q];
		return wrongOptions[q][u < w[0] ? 0 : u < w[0] + w[1] ? 1 : 2];
	};
	const make = (
		role: string,
		questions: number[],
		answers: number[],
		perItemMs: number[],
		startedAt: number
	): AttemptRecord => {
		n++;
		const durationMs = perItemMs.reduce((s, x) => s + x, 0);
		const inOffice = role === 'honest' && n % 50 === 0;
		return {
			id: `a${n}`,
			userId: `u${n}`,
			unitId: `unit${n % 7}`,
			startedAt,
			finishedAt: startedAt + durationMs,
			durationMs,
			deviceId: `d${n}`,
			ipHash: inOffice ? office : `ip${n}`,
			userCreatedAt: inOffice ? opensAt - 10 * 86_400_000 + n * 3_600_000 : opensAt - 86_400_000 + n,
			userIpHash: inOffice ? office : `ip${n}`,
			questions,
			answers,
			correct: questions.map((q, i) => (answers[i] === keys[q] ? 1 : 0)),
			itemMs: perItemMs,
			focusLosses: rnd() < 0.05 ? 1 : 0,
			focusLostMs: 0
		};
	};
	const honestAttempt = (startedAt: number): AttemptRecord => {
		const theta = gauss();
		const speed = Math.exp(gauss() * 0.35);
		const questions = draw();
		const answers = questions.map((q) => (rnd() < 0.01 ? -1 : honestAnswer(q, theta)));
		const times = questions.map(() => Math.round(12_000 * speed * Math.exp(gauss() * 0.4)));
		return make('honest', questions, answers, times, startedAt);
	};
	// office staff all start within 15 minutes of the same afternoon
	const startOf = (i: number) =>
		i % 50 === 49
			? opensAt + 2 * 86_400_000 + Math.floor(rnd() * 900_000)
			: opensAt + Math.floor(rnd() * 6 * 86_400_000);

	for (let i = 0; i < o.honest; i++) attempts.push(honestAttempt(startOf(i)));

	const honestCount = attempts.length;
	for (let c = 0; c < (o.copiers ?? 0); c++) {
		const source = attempts[Math.floor(rnd() * honestCount)];
		const wrong = source.correct.filter((x) => x === 0).length;
		if (planted.has(source.id) || wrong === 0 || wrong < (o.minSourceWrong ?? 0)) {
			c--;
			continue;
		}
		const theta = gauss() - 0.5;
		const answers = source.questions.map((q, i) =>
			rnd() < (o.copyRate ?? 0.9) ? source.answers[i] : honestAnswer(q, theta)
		);
		const times = source.itemMs.map((ms) => Math.max(1500, ms + Math.round(gauss() * 1500)));
		attempts.push(make('copier', [...source.questions], answers, times, source.startedAt + Math.round(rnd() * 60_000)));
		planted.set(attempts[attempts.length - 1].id, 'copier');
		planted.set(source.id, 'source');
	}
	for (let s = 0; s < (o.scripts ?? 0); s++) {
		const questions = draw();
		const a = make(
			'script',
			questions,
			questions.map((q) => keys[q]),
			questions.map(() => 300 + Math.floor(rnd() * 600)),
			startOf(s)
		);
		attempts.push(a);
		planted.set(a.id, 'script');
	}
	for (let g = 0; g < (o.deviceGroups ?? 0); g++) {
		for (let k = 0; k < 3; k++) {
			const a = honestAttempt(startOf(g));
			a.deviceId = `shared-device-${g}`;
			attempts.push(a);
			planted.set(a.id, 'device');
		}
	}
	for (let b = 0; b < (o.burstAccounts ?? 0); b++) {
		const a = honestAttempt(opensAt + 3_600_000 + b * 600_000);
		a.ipHash = a.userIpHash = 'burst-address';
		a.userCreatedAt = opensAt + b * 40_000;
		attempts.push(a);
		planted.set(a.id, 'burst');
	}
	return { attempts, planted, keys, opensAt };
}
