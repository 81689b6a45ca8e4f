import type { Db } from '../db/database';
import { newId } from '../ids';
import { hashPassword, verifyPasswordHash } from '../auth/password';
import type { LoginLimiter } from '../auth/rate-limit';
import { invalidateUserSessions } from '../auth/session';
import { findUserById, findUserByPhone, insertRegistration, insertUser, updateUserPasswordHash } from './user.repository';

export interface RegisterInput {
	fullName: string;
	birthDate: string;
	phone: string;
	email: string | null;
	unitId: string;
	groupId: string;
	password: string;
}

export type RegisterResult =
	| { ok: true; userId: string }
	| { ok: false; reason: 'phone_taken' | 'unit_unknown' | 'group_unknown' };

/** Creates the account and its registration in the contest together, or neither. */
export async function registerContestant(
	db: Db,
	contestId: string,
	input: RegisterInput,
	now: number
): Promise<RegisterResult> {
	const passwordHash = await hashPassword(input.password);
	return db.transaction().execute(async (trx) => {
		if (await findUserByPhone(trx, input.phone)) return { ok: false, reason: 'phone_taken' } as const;
		const unit = await trx.selectFrom('unit').select('id').where('id', '=', input.unitId).executeTakeFirst();
		if (!unit) return { ok: false, reason: 'unit_unknown' } as const;
		const group = await trx
			.selectFrom('contest_group')
			.select('id')
			.where('id', '=', input.groupId)
			.where('contest_id', '=', contestId)
			.executeTakeFirst();
		if (!group) return { ok: false, reason: 'group_unknown' } as const;
		const userId = newId();
		await insertUser(trx, {
			id: userId,
			phone: input.phone,
			full_name: input.fullName,
			birth_date: input.birthDate,
			email: input.email,
			password_hash: passwordHash,
			role: 'contestant',
			created_at: now
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
	});
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
	ip: string,
	phone: string,
	password: string
): Promise<LoginResult> {
	const wait = await limiter.consume(ip, phone);
	if (wait > 0) return { ok: false, reason: 'too_many_attempts', retryAfterSeconds: wait };
	const user = await findUserByPhone(db, phone);
	decoyHash ??= hashPassword('decoy-password-never-valid');
	const valid = await verifyPasswordHash(user?.password_hash ?? (await decoyHash), password);
	if (!user || !valid) return { ok: false, reason: 'wrong_credentials' };
	await limiter.reset(phone);
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
