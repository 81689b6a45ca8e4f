import { ESLint } from 'eslint';
import ts from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

// The layers the README promises, as ESLint enforces them: a route that reaches for a repository
// or the database, or a domain module that reaches for the server or a framework, fails the lint.

// The project's own config, without type information (this rule needs none, and a type-aware
// parse of the whole project would make the test slow), running only the rule under test.
const eslint = new ESLint({
	cwd: process.cwd(),
	overrideConfig: ts.configs.disableTypeChecked,
	ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports'
});

async function restricted(filePath: string, code: string): Promise<string[]> {
	const [result] = await eslint.lintText(code, { filePath });
	return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the layers ESLint enforces', () => {
	it('refuses a repository, kysely or the database module in a route, and lets services through', async () => {
		const messages = await restricted(
			'src/routes/+page.server.ts',
			[
				"import { sql } from 'kysely';",
				"import { listUnits } from '$lib/server/units/unit.repository';",
				"import type { Db } from '$lib/server/db/database';",
				"import { listUnitOptions } from '$lib/server/units/unit.service';",
				'export const used = [sql, listUnits, listUnitOptions] as unknown as Db;',
				''
			].join('\n')
		);
		expect(messages).toHaveLength(3);
		expect(messages.join('\n')).toMatch(/'kysely'[\s\S]*unit\.repository[\s\S]*server\/db\/database/);
	});

	it('refuses server, client and framework modules in the domain, and lets domain modules through', async () => {
		const messages = await restricted(
			'src/lib/domain/text.ts',
			[
				"import { log } from '../server/logger';",
				"import { page } from '$app/state';",
				"import { io } from 'socket.io-client';",
				"import { writable } from 'svelte/store';",
				"import { locales } from '$lib/i18n';",
				"import type { RankCriterion } from './types';",
				"import type { OptionDef } from '$lib/domain/types';",
				'export const used = [log, page, io, writable, locales] as unknown as [RankCriterion, OptionDef];',
				''
			].join('\n')
		);
		expect(messages).toHaveLength(5);
	});
});
