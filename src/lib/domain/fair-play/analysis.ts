import { sharedAddressSteps, sharedDeviceSteps, type AddressRule, DEFAULT_ADDRESS_RULE } from './accounts';
import { detectCopying } from './copying';
import { detectFocusLoss } from './focus';
import { defaultFastFloorMs, tooFastSteps } from './too-fast';
import type { RoundAttempts } from './round-attempts';
import type { Flag } from './types';

// The round's whole analysis as one generator: it yields between pieces of work so the server can
// run it in slices that leave the event loop free (see server/fair-play/runner.ts), and it reports
// each phase as it enters it, so a bench can time them.

export interface AnalysisOptions {
	/** the organizer's floor of time per question, ms; null: from the round */
	floorMs: number | null;
	addressRule?: AddressRule;
	onPhase?: (phase: string) => void;
}

export interface AnalysisResult {
	flags: Flag[];
	floorMs: number;
	candidatePairs: number;
}

export function* analyzeRound(attempts: RoundAttempts, options: AnalysisOptions): Generator<void, AnalysisResult> {
	options.onPhase?.('too_fast');
	const floorMs = options.floorMs ?? defaultFastFloorMs(attempts);
	yield;
	const flags: Flag[] = yield* tooFastSteps(attempts, floorMs);
	yield;
	options.onPhase?.('accounts');
	flags.push(...(yield* sharedDeviceSteps(attempts)));
	yield;
	flags.push(...(yield* sharedAddressSteps(attempts, options.addressRule ?? DEFAULT_ADDRESS_RULE)));
	yield;
	options.onPhase?.('focus');
	flags.push(...detectFocusLoss(attempts));
	yield;
	options.onPhase?.('copying');
	const copying = yield* detectCopying(attempts);
	flags.push(...copying.flags);
	options.onPhase?.('done');
	return { flags, floorMs, candidatePairs: copying.candidates };
}

/** Runs a generator to its end at once (tests, and small rounds). */
export { runSteps as runToEnd } from './types';
