import { recordAudit } from '../audit/audit.repository';
import type { AppContext } from '../context';
import type { Actor } from '../contests/contest-access';
import { findIssuingPlace, getRoundAwards, type CertificateHolder } from './awards.service';
import { createCertificateBook, drawCertificate } from './certificate.pdf';
import { endOutput, settleOutput, type ExportOut } from './export-format';
import { signerOf, vi } from './pdf-document';
import { findExportTarget, guarded, type ExportOutcome } from './export.service';

// Every winner's certificate of a closed round in one PDF, for the organizers to print in one go.
// Winners' names are public once announced, but the download is an organizer's action: audited.

/** Writes the certificates (a page per individual prize) into `out` as the pages are drawn. */
export async function writeCertificateBook(
	ctx: AppContext,
	actor: Actor,
	roundId: string,
	out: ExportOut
): Promise<ExportOutcome> {
	const found = await findExportTarget(ctx, actor, roundId);
	if (!found.ok) return found;
	const { round, contest, close } = found.target;
	const [awards, place] = await Promise.all([getRoundAwards(ctx, round), findIssuingPlace(ctx)]);
	const holders: CertificateHolder[] = (awards?.groups ?? []).flatMap((g) =>
		g.winners.map((w) => ({ fullName: w.fullName, unitName: w.unitName, groupName: g.name, prize: w.prize }))
	);
	await recordAudit(
		ctx.db,
		{
			actorId: actor.id,
			action: 'results.certificates',
			entity: 'round',
			entityId: round.id,
			summary: `Tải giấy chứng nhận ${round.name} (${holders.length} người đạt giải, PDF)`,
			detail: { certificates: holders.length, contestId: contest.id }
		},
		ctx.clock.now()
	);
	return guarded(async () => {
		const issue = { round, contest, computedAt: close.computedAt, place, signer: signerOf(round) };
		const doc = createCertificateBook(issue, vi('results.pdf.certificates_title', { round: round.name }));
		const ended = new Promise<void>((resolve, reject) => {
			doc.on('end', resolve);
			doc.on('error', reject);
		});
		doc.on('data', (chunk: Buffer) => void out.write(chunk));
		if (holders.length === 0) {
			doc.font('italic').fontSize(16).text(vi('results.pdf.no_certificates'), 80, 120);
		}
		for (const [i, holder] of holders.entries()) {
			if (i > 0) doc.addPage();
			drawCertificate(doc, issue, holder);
			// a page's bytes go out once the next page starts: wait for a slow download to take them
			await settleOutput(out);
		}
		doc.end();
		await ended;
		await endOutput(out);
		return holders.length;
	});
}
