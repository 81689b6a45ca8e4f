// The studio's heavy paths on a 10,000-question bank:
//  1. importing a 10,000-question workbook: reading it (exceljs + our validation) and writing it
//     (one transaction), against baselines in the same run: exceljs loading the same file alone,
//     and bare prepared INSERTs of the same rows;
//  2. searching the bank (folded words, filters, one page of 25), against loading every question
//     and filtering in JavaScript.
// Run: npx tsx bench/question-bank.ts [questions=10000]
import ExcelJS from 'exceljs';
import SQLite from 'better-sqlite3';
import { performance } from 'node:perf_hooks';
import type { ImportedQuestion } from '../src/lib/domain/import/types';
import { foldVietnamese } from '../src/lib/domain/text';
import type { Difficulty } from '../src/lib/domain/types';
import { newId } from '../src/lib/server/ids';
import { createBank, importIntoBank, searchBank } from '../src/lib/server/questions/question.service';
import { readXlsx, writeXlsx } from '../src/lib/server/questions/xlsx';
import { insertUser } from '../src/lib/server/users/user.repository';
import { createBenchContext, line, percentile } from './support';

const size = Number(process.argv[2] ?? 10_000);
const topics = [
	'Cải cách thể chế',
	'Cải cách thủ tục hành chính',
	'Cải cách tổ chức bộ máy',
	'Cải cách chế độ công vụ',
	'Cải cách tài chính công',
	'Chính phủ số'
];
const words = [
	'dịch vụ công',
	'một cửa',
	'hồ sơ',
	'ngân sách',
	'công chức',
	'định danh điện tử',
	'thủ tục',
	'văn bản',
	'chữ ký số',
	'khiếu nại'
];
const levels: Difficulty[] = ['easy', 'medium', 'hard'];

function question(i: number): ImportedQuestion {
	const w = words[i % words.length];
	return {
		topic: topics[i % topics.length],
		type: i % 10 === 0 ? 'multiple' : 'single',
		difficulty: levels[i % 3],
		text: `Câu ${i + 1}: theo quy định hiện hành, ${w} được thực hiện như thế nào ở cấp xã số ${i % 97}?`,
		options: [
			{ text: `Phương án đúng ${i}`, correct: true },
			{ text: `Phương án ${w} thứ hai ${i}`, correct: i % 10 === 0 },
			{ text: `Phương án thứ ba ${i}`, correct: false },
			{ text: `Phương án thứ tư ${i}`, correct: false }
		],
		explanation: `Giải thích về ${w} cho câu ${i + 1}.`,
		legalReference: i % 2 ? 'Nghị quyết 76/NQ-CP' : '',
		tags: i % 5 === 0 ? ['trọng tâm'] : []
	};
}

const ctx = await createBenchContext(Date.UTC(2026, 10, 16, 3, 0, 0));
const actor = { id: newId(), role: 'admin' as const };
await insertUser(ctx.db, {
	id: actor.id,
	phone: '0900000999',
	full_name: 'Bench',
	birth_date: null,
	email: null,
	password_hash: 'x',
	role: 'admin',
	created_at: 0
});
const questions = Array.from({ length: size }, (_, i) => question(i));
const workbook = await writeXlsx(questions);

let t0 = performance.now();
const parsed = await readXlsx(workbook);
const readMs = performance.now() - t0;
if (!parsed.ok) throw new Error(`bench workbook invalid: ${JSON.stringify(parsed.issues.slice(0, 3))}`);
t0 = performance.now();
await new ExcelJS.Workbook().xlsx.load(workbook as unknown as ExcelJS.Buffer);
const loadOnlyMs = performance.now() - t0;

const created = await createBank(ctx, actor, 'Bench');
if (!created.ok) throw new Error(`bench bank not created: ${created.reason}`);
const bankId = created.bankId;
t0 = performance.now();
await importIntoBank(ctx, actor, bankId, parsed.questions, 'bench.xlsx');
const writeMs = performance.now() - t0;

const raw = new SQLite(ctx.file);
raw.pragma('journal_mode = WAL');
const baselineBank = newId();
raw.prepare('insert into question_bank (id, name, created_at) values (?, ?, 0)').run(baselineBank, 'baseline');
const topicId = newId();
raw
	.prepare("insert into topic (id, bank_id, parent_id, code, name, position) values (?, ?, null, 't', 't', 1)")
	.run(topicId, baselineBank);
const insQ = raw.prepare(
	"insert into question (id, bank_id, topic_id, type, difficulty, status, current_version_id, created_at) values (?, ?, ?, ?, ?, 'active', ?, 0)"
);
const insV = raw.prepare(
	'insert into question_version (id, question_id, version, type, text, options_json, explanation, legal_reference, tags_json, created_at) values (?, ?, 1, ?, ?, ?, ?, ?, ?, 0)'
);
t0 = performance.now();
raw.transaction(() => {
	for (const q of parsed.questions) {
		const id = newId();
		const v = newId();
		insQ.run(id, baselineBank, topicId, q.type, q.difficulty, v);
		insV.run(
			v,
			id,
			q.type,
			q.text,
			JSON.stringify(q.options),
			q.explanation,
			q.legalReference || null,
			JSON.stringify(q.tags)
		);
	}
})();
const rawInsertMs = performance.now() - t0;

const queries = [
	{ q: 'dich vu cong' },
	{ q: 'một cửa cấp xã' },
	{ q: 'chu ky so', difficulty: 'hard' as const },
	{ q: '', tag: 'trọng tâm' },
	{ q: 'ngan sach', type: 'multiple' as const }
];
const searchTimes: number[] = [];
for (let round = 0; round < 20; round++) {
	for (const query of queries) {
		t0 = performance.now();
		await searchBank(ctx, actor, bankId, { ...query, page: 1 + (round % 3) });
		searchTimes.push(performance.now() - t0);
	}
}
const naiveTimes: number[] = [];
for (let round = 0; round < 5; round++) {
	t0 = performance.now();
	const rows = raw
		.prepare(
			'select q.id, v.text, v.options_json, v.explanation from question q join question_version v on v.id = q.current_version_id where q.bank_id = ?'
		)
		.all(bankId) as { text: string; options_json: string; explanation: string }[];
	const needle = foldVietnamese('dich vu cong');
	rows.filter((r) => foldVietnamese(`${r.text} ${r.options_json} ${r.explanation}`).includes(needle)).slice(0, 25);
	naiveTimes.push(performance.now() - t0);
}
searchTimes.sort((a, b) => a - b);
naiveTimes.sort((a, b) => a - b);

const ms = (v: number): string => `${v.toFixed(1)} ms`;
line(`workbook of ${size} questions`, `${(workbook.byteLength / 1024 / 1024).toFixed(2)} MiB`);
line('read + validate (readXlsx)', ms(readMs));
line('baseline: exceljs load alone', ms(loadOnlyMs));
line('ratio read+validate / load alone', `${(readMs / loadOnlyMs).toFixed(2)}×`);
line('write (importIntoBank, one transaction, search text, audit)', ms(writeMs));
line('baseline: bare prepared INSERTs of the same rows', ms(rawInsertMs));
line('ratio write / bare inserts', `${(writeMs / rawInsertMs).toFixed(2)}×`);
line('import total (read + write)', ms(readMs + writeMs));
line(
	`search a ${size}-question bank, p50 / p95 (${searchTimes.length} queries)`,
	`${ms(percentile(searchTimes, 50))} / ${ms(percentile(searchTimes, 95))}`
);
line('baseline: load all and filter folded text in JS, p50', ms(percentile(naiveTimes, 50)));
line('ratio baseline / search', `${(percentile(naiveTimes, 50) / percentile(searchTimes, 50)).toFixed(1)}×`);
raw.close();
await ctx.db.destroy();
