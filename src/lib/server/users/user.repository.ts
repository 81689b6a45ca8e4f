import type { Db } from '../db/database';
import type { Insertable } from 'kysely';
import type { AppUserTable, RegistrationTable, UserRow } from '../db/schema';

export function findUserByPhone(db: Db, phone: string): Promise<UserRow | undefined> {
	return db.selectFrom('app_user').selectAll().where('phone', '=', phone).executeTakeFirst();
}

export function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
	return db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertUser(db: Db, user: Insertable<AppUserTable>): Promise<void> {
	await db.insertInto('app_user').values(user).execute();
}

export async function updateUserPasswordHash(db: Db, id: string, passwordHash: string): Promise<void> {
	await db.updateTable('app_user').set({ password_hash: passwordHash }).where('id', '=', id).execute();
}

export async function insertRegistration(db: Db, row: Insertable<RegistrationTable>): Promise<void> {
	await db.insertInto('registration').values(row).execute();
}

export function findRegistration(db: Db, contestId: string, userId: string) {
	return db
		.selectFrom('registration')
		.innerJoin('unit', 'unit.id', 'registration.unit_id')
		.innerJoin('contest_group', 'contest_group.id', 'registration.group_id')
		.select([
			'registration.id',
			'registration.unit_id as unitId',
			'registration.group_id as groupId',
			'unit.name as unitName',
			'contest_group.name as groupName'
		])
		.where('registration.contest_id', '=', contestId)
		.where('registration.user_id', '=', userId)
		.executeTakeFirst();
}

export async function updateUserRole(db: Db, id: string, role: UserRow['role']): Promise<void> {
	await db.updateTable('app_user').set({ role }).where('id', '=', id).execute();
}

/** An organizer goes back to contestant; any other role is left as it is. */
export async function demoteOrganizer(db: Db, id: string): Promise<void> {
	await db
		.updateTable('app_user')
		.set({ role: 'contestant' })
		.where('id', '=', id)
		.where('role', '=', 'organizer')
		.execute();
}
