import { recordAudit } from '../audit/audit.repository';
import type { AppContext } from '../context';
import type { Db } from '../db/database';
import { isUniqueViolation } from '../db/errors';
import type { ClientSignals } from '../fair-play/client-signals';
import { newId } from '../ids';
import { hashPassword, verifyPasswordHash } from '../auth/password';
import { oneAtATime, type LoginLimiter, type RegistrationLimiter } from '../auth/rate-limit';
import { invalidateUserSessions } from '../auth/session';
import { isGroupOfContest } from '../contests/contest.repository';
import { isUnitInContest } from '../units/contest-units';
import { unitExists } from '../units/unit.repository';
import {
	findRegistration,
	findUserById,
	findUserByPhone,
	insertRegistration,
	insertUser,
	updateUserPasswordHash
} from './user.repository';

export interface RegisterInput {
	fullName: string;
	birthDate: string | null;
	phone: string;
	email: string | null;
	unitId: string;
	groupId: string;
	password: string;
}

export type RegisterResult =
	| { ok: true; userId: string }
	| { ok: false; reason: 'phone_taken' | 'unit_unknown' | 'unit_outside_contest' | 'group_unknown' }
	| { ok: false; reason: 'too_many_attempts'; retryAfterSeconds: number };

/** Who is registering, for the throttle: "this phone has an account" is an answer worth rationing. */
export interface RegistrationThrottle {
	limiter: RegistrationLimiter;
	address: string;
}

type RegistrationCheck =
	{ ok: true } | { ok: false; reason: 'unit_unknown' | 'unit_outside_contest' | 'group_unknown' };

async function checkUnitAndGroup(
	db: Db,
	contestId: string,
	unitId: string,
	groupId: string
): Promise<RegistrationCheck> {
	if (!(await unitExists(db, unitId))) return { ok: false, reason: 'unit_unknown' };
	// A commune contest takes only its own units, whatever id the form was sent with.
	if (!(await isUnitInContest(db, contestId, unitId))) return { ok: false, reason: 'unit_outside_contest' };
	const group = await isGroupOfContest(db, contestId, groupId);
	return group ? { ok: true } : { ok: false, reason: 'group_unknown' };
}

/**
 * Creates the account and its registration in the contest together, or neither. The password is
 * hashed before the phone is looked up, so "already registered" costs as much as a registration
 * (the hash dominates both) and timing tells nothing the throttled answer does not.
 */
export async function registerContestant(
	db: Db,
	contestId: string,
	input: RegisterInput,
	now: number,
	throttle: RegistrationThrottle,
	/** the device, hashed address and user agent of the registration (fair play, issue 14) */
	client?: ClientSignals
): Promise<RegisterResult> {
	const wait = await throttle.limiter.begin(throttle.address);
	if (wait > 0) return { ok: false, reason: 'too_many_attempts', retryAfterSeconds: wait };
	const passwordHash = await hashPassword(input.password);
	// The lookup that may answer "already registered" and its count go together, one registration
	// of an address at a time (the hash above stays outside): registrations sent all at once
	// would otherwise all pass the check before any answer was counted.
	return oneAtATime('register', throttle.address, async (): Promise<RegisterResult> => {
		const refused = await throttle.limiter.phoneTakenWait(throttle.address);
		if (refused > 0) return { ok: false, reason: 'too_many_attempts', retryAfterSeconds: refused };
		// Two nodes may both find the phone free: the unique phone then refuses the later insert.
		const result = await refusedIfTaken({ ok: false, reason: 'phone_taken' } as const, () =>
			db.transaction().execute(async (trx) => {
				if (await findUserByPhone(trx, input.phone)) return { ok: false, reason: 'phone_taken' } as const;
				const check = await checkUnitAndGroup(trx, contestId, input.unitId, input.groupId);
				if (!check.ok) return check;
				const userId = newId();
				await insertUser(trx, {
					id: userId,
					phone: input.phone,
					full_name: input.fullName,
					birth_date: input.birthDate,
					email: input.email,
					password_hash: passwordHash,
					role: 'contestant',
					created_at: now,
					device_id: client?.deviceId ?? null,
					ip_hash: client?.ipHash ?? null,
					user_agent: client?.userAgent ?? null
				});
				await insertRegistration(trx, {
					id: newId(),
					contest_id: contestId,
					user_id: userId,
					unit_id: input.unitId,
					group_id: input.groupId,
					consented_at: now,
					created_at: now
				});
				return { ok: true, userId } as const;
			})
		);
		if (!result.ok && result.reason === 'phone_taken') await throttle.limiter.phoneTaken(throttle.address);
		return result;
	});
}

/**
 * The transaction's answer, or `refusal` when a unique key refused its insert: another node
 * wrote the same phone or registration between this one's check and its insert.
 */
async function refusedIfTaken<T, R>(refusal: R, work: () => Promise<T>): Promise<T | R> {
	try {
		return await work();
	} catch (error) {
		if (isUniqueViolation(error)) return refusal;
		throw error;
	}
}

export type JoinResult =
	| { ok: true }
	| { ok: false; reason: 'already_registered' | 'unit_unknown' | 'unit_outside_contest' | 'group_unknown' };

/** Registers an existing account in another contest (its phone is already known). */
export async function joinContest(
	db: Db,
	contestId: string,
	userId: string,
	unitId: string,
	groupId: string,
	now: number
): Promise<JoinResult> {
	// two joins at once: the unique (contest, user) refuses the later one
	return refusedIfTaken({ ok: false, reason: 'already_registered' } as const, () =>
		db.transaction().execute(async (trx) => {
			if (await findRegistration(trx, contestId, userId)) return { ok: false, reason: 'already_registered' } as const;
			const check = await checkUnitAndGroup(trx, contestId, unitId, groupId);
			if (!check.ok) return check;
			await insertRegistration(trx, {
				id: newId(),
				contest_id: contestId,
				user_id: userId,
				unit_id: unitId,
				group_id: groupId,
				consented_at: now,
				created_at: now
			});
			return { ok: true } as const;
		})
	);
}

export type LoginResult =
	| { ok: true; userId: string }
	| { ok: false; reason: 'wrong_credentials' }
	| { ok: false; reason: 'too_many_attempts'; retryAfterSeconds: number };

// Verifying against a real hash when the phone is unknown keeps both failures equally slow.
let decoyHash: Promise<string> | null = null;

export async function logIn(
	db: Db,
	limiter: LoginLimiter,
	address: string,
	phone: string,
	password: string
): Promise<LoginResult> {
	const wait = await limiter.begin(address, phone);
	if (wait > 0) return { ok: false, reason: 'too_many_attempts', retryAfterSeconds: wait };
	let user: Awaited<ReturnType<typeof findUserByPhone>>;
	let valid: boolean;
	try {
		user = await findUserByPhone(db, phone);
		decoyHash ??= hashPassword('decoy-password-never-valid');
		valid = await verifyPasswordHash(user?.password_hash ?? (await decoyHash), password);
	} catch (error) {
		limiter.abandoned(address);
		throw error;
	}
	if (!user || !valid) {
		await limiter.failed(address, phone);
		return { ok: false, reason: 'wrong_credentials' };
	}
	await limiter.succeeded(address, phone);
	return { ok: true, userId: user.id };
}

export type ChangePasswordResult = { ok: true } | { ok: false; reason: 'wrong_current_password' };

/** Ends every session of the user; the caller opens a fresh one for the current browser. */
export async function changePassword(
	db: Db,
	userId: string,
	currentPassword: string,
	newPassword: string
): Promise<ChangePasswordResult> {
	const user = await findUserById(db, userId);
	if (!user || !(await verifyPasswordHash(user.password_hash, currentPassword))) {
		return { ok: false, reason: 'wrong_current_password' };
	}
	await updateUserPasswordHash(db, userId, await hashPassword(newPassword));
	await invalidateUserSessions(db, userId);
	return { ok: true };
}

export interface AdminInput {
	phone: string;
	fullName: string;
	password: string;
}

export type CreateAdminResult = { ok: true; userId: string } | { ok: false; reason: 'phone_taken' };

/**
 * A deployment's way in (`npm run admin -- create`): an admin account that nothing published,
 * unlike the demo's. An existing phone is refused rather than promoted, so the command can never
 * take over someone's account.
 */
export async function createAdmin(db: Db, input: AdminInput, now: number): Promise<CreateAdminResult> {
	const passwordHash = await hashPassword(input.password);
	return refusedIfTaken({ ok: false, reason: 'phone_taken' } as const, () =>
		db.transaction().execute(async (trx) => {
			if (await findUserByPhone(trx, input.phone)) return { ok: false, reason: 'phone_taken' } as const;
			const userId = newId();
			await insertUser(trx, {
				id: userId,
				phone: input.phone,
				full_name: input.fullName,
				birth_date: null,
				email: null,
				password_hash: passwordHash,
				role: 'admin',
				created_at: now
			});
			await recordAudit(
				trx,
				{ actorId: null, action: 'user.create_admin', entity: 'user', entityId: userId, summary: input.fullName },
				now
			);
			return { ok: true, userId } as const;
		})
	);
}

/** The viewer's registration in the contest (unit and group, with their names), if any. */
export function findContestRegistration(ctx: AppContext, contestId: string, userId: string) {
	return findRegistration(ctx.db, contestId, userId);
}
