/**
 * The question import's two steps: the dry run (parse, preview, flag likely duplicates, keep the
 * questions under a token) and the confirmation (write them, all or nothing, optionally without
 * the flagged duplicates).
 */
import { scanImportDuplicates, type RowDuplicates } from '../../domain/import/duplicates';
import { countUnsupported, dropTemplateExamples, skipUnsupported } from '../../domain/import/skips';
import type { ImportedQuestion } from '../../domain/import/types';
import type { AppContext } from '../context';
import { detectFormat, parseImportFile } from './import-file';
import { storeImportedImages } from './import-media';
import { previewImport, type ImportPreview } from './import-preview';
import type { PendingImports } from './pending-imports';
import { openBank, type BankRefusal } from './bank-access';
import { listBankTexts, listTopics } from './question.repository';
import { importIntoBank, type Actor } from './question.service';

export type CheckImportResult =
	| { ok: true; token: string; preview: ImportPreview }
	| { ok: false; reason: 'not_found' | 'forbidden' | 'unknown_format' | 'import_busy' }
	| { ok: false; reason: 'invalid_file'; preview: ImportPreview };

/**
 * The dry run of an uploaded file: nothing is written; a valid file is kept for the confirmation.
 * The template's example rows are always left out; questions of unsupported types only when
 * `skipUnsupported` is asked (otherwise they refuse the file, as any issue does).
 */
export async function checkImport(
	ctx: AppContext,
	pending: PendingImports,
	actor: Actor,
	bankId: string,
	file: { name: string; bytes: Uint8Array },
	chosenFormat: string | null,
	options: { skipUnsupported?: boolean } = {}
): Promise<CheckImportResult> {
	const access = await openBank(ctx.db, actor, bankId);
	if (!access.ok) return access;
	const bank = access.bank;
	const format = detectFormat(file.name, chosenFormat, file.bytes);
	if (!format) return { ok: false, reason: 'unknown_format' };
	const parsed = await parseImportFile(file.bytes, format);
	const examples = dropTemplateExamples(parsed);
	const kept = options.skipUnsupported ? skipUnsupported(examples.result) : { result: examples.result, skipped: [] };
	const skipped = kept.skipped;
	// pictures of the questions kept only: an example row's or a skipped question's are not stored
	const result = await storeImportedImages(ctx, kept.result);
	const topics = await listTopics(ctx.db, bank.id);
	const duplicates = await findDuplicates(result.questions, await listBankTexts(ctx.db, bank.id));
	const preview = previewImport(
		result,
		topics.map((t) => t.name),
		duplicates,
		{ skipped, unsupportedCount: countUnsupported(result), examplesSkipped: examples.dropped },
		parsed.notices
	);
	if (!result.ok || result.questions.length === 0) return { ok: false, reason: 'invalid_file', preview };
	const token = await pending.put(
		{
			bankId: bank.id,
			actorId: actor.id,
			source: file.name,
			questions: result.questions,
			duplicates: duplicates.map((d) => d.index)
		},
		ctx.clock.now()
	);
	if (!token) return { ok: false, reason: 'import_busy' };
	return { ok: true, token, preview };
}

export type ConfirmImportResult =
	| { ok: true; created: number; skipped: number; topicsCreated: string[] }
	| { ok: false; reason: 'import_expired' }
	| BankRefusal;

/**
 * Writes a checked import. `skipDuplicates` leaves out the questions the preview flagged (what the
 * organizer saw is what is skipped, even if the bank changed since). A token works once, for the
 * person who checked it.
 */
export async function confirmImport(
	ctx: AppContext,
	pending: PendingImports,
	actor: Actor,
	bankId: string,
	token: string,
	options: { skipDuplicates: boolean }
): Promise<ConfirmImportResult> {
	const entry = await pending.take(token, bankId, actor.id, ctx.clock.now());
	if (!entry) return { ok: false, reason: 'import_expired' };
	const skip = new Set(options.skipDuplicates ? entry.duplicates : []);
	const questions = entry.questions.filter((_, i) => !skip.has(i));
	if (questions.length === 0) return { ok: true, created: 0, skipped: skip.size, topicsCreated: [] };
	const result = await importIntoBank(ctx, actor, bankId, questions, entry.source);
	if (!result.ok) return result;
	return { ...result, skipped: skip.size };
}

/** Questions of a file compared between turns of the event loop. */
const SCAN_BATCH = 200;

/**
 * The file's likely duplicates. The comparison runs on the event loop's thread, and a large file
 * against a large bank takes seconds, so it gives other requests a turn every SCAN_BATCH questions.
 */
async function findDuplicates(
	questions: readonly ImportedQuestion[],
	bank: readonly { id: string; text: string }[]
): Promise<RowDuplicates[]> {
	const found: RowDuplicates[] = [];
	let scanned = 0;
	for (const row of scanImportDuplicates(questions, bank)) {
		if (row) found.push(row);
		scanned += 1;
		if (scanned % SCAN_BATCH === 0) await new Promise((resolve) => setImmediate(resolve));
	}
	return found;
}
