import type { gameTeamsVi } from './game-teams.vi';

export const gameTeamsEn: Record<keyof typeof gameTeamsVi, string> = {
	// Studio
	'game_teams.studio.heading': 'Teams',
	'game_teams.studio.intro':
		"A team's score comes from the points each player got per question. Choose before anyone joins the lobby.",
	'game_teams.studio.mode': 'Team mode',
	'game_teams.studio.mode.off': 'No teams',
	'game_teams.studio.mode.unit': "By unit: each player plays for their unit's team",
	'game_teams.studio.mode.named': 'Teams named by the organizer: players pick one when joining',
	'game_teams.studio.scoring': 'Team score',
	'game_teams.studio.scoring.mean': "Mean of the members' points (a big team gets no advantage)",
	'game_teams.studio.scoring.best': "The best member's points",
	'game_teams.studio.teams': 'Teams (2 to 20)',
	'game_teams.studio.team_name': 'Team {n} name',
	'game_teams.studio.stage': 'On stage',
	'game_teams.studio.stage_hint':
		'Mark 3–6 teams playing on stage (on tablets). Contestants join a stage team with the code the host reads out; the hall picks among the other teams and is ranked apart.',
	'game_teams.studio.add': 'Add a team',
	'game_teams.studio.remove': 'Remove team {n}',
	'game_teams.studio.save': 'Save teams',
	'game_teams.studio.saved': 'Teams saved.',
	'game_teams.studio.code': 'Team code: {code}',
	'game_teams.studio.locked_players': 'Players are in the lobby: the teams can no longer change.',
	'game_teams.studio.locked_started': 'The game has started: the teams can no longer change.',
	'game_teams.studio.error.invalid': 'The teams are not valid; please check them.',
	'game_teams.studio.error.game_not_found': 'Game not found.',
	'game_teams.studio.error.forbidden': 'You may not edit this game.',
	'game_teams.studio.error.not_in_lobby': 'The game has started: the teams can no longer change.',
	'game_teams.studio.error.players_joined':
		"Players are in the lobby: the teams can no longer change (a team is the player's choice when joining).",
	'game_teams.studio.error.too_few_teams': 'At least 2 named teams are needed.',
	'game_teams.studio.error.too_many_teams': 'At most 20 teams.',
	'game_teams.studio.error.name_empty': 'Team {n}: no name.',
	'game_teams.studio.error.name_too_long': 'Team {n}: the name is longer than {max} characters.',
	'game_teams.studio.error.name_duplicate': 'Team {n}: the same name as another team.',
	'game_teams.studio.error.stage_count':
		'Stage teams must number 3 to 6, and at least one team must be left for the hall.',

	// Screen and host console
	'game_teams.stage.teams': 'Team standings',
	'game_teams.stage.stage_teams': 'Teams on stage',
	'game_teams.stage.hall_teams': 'The hall: teams',
	'game_teams.stage.hall_players': 'The hall: players',
	'game_teams.stage.team': 'Team',
	'game_teams.stage.players': 'Players',
	'game_teams.stage.score.mean': 'Mean score',
	'game_teams.stage.score.best': 'Best score',
	'game_teams.stage.note.mean': "A team's score is the mean of its members' points.",
	'game_teams.stage.note.best': "A team's score is its best member's points.",
	'game_teams.stage.podium': 'Leading teams',
	'game_teams.stage.podium_stage': 'Teams on stage',
	'game_teams.stage.more': 'and {n} more teams',
	'game_teams.stage.none': 'No team has players yet',
	'game_teams.stage.codes': 'Stage team codes',
	'game_teams.stage.codes_hint': "Read each team's code to its contestants; the screen never shows it.",
	'game_teams.stage.lobby_teams': 'Teams',

	// Phone
	'game_teams.play.team': 'Team: {name}',
	'game_teams.play.stage': 'on stage',
	'game_teams.play.choose': 'Your team',
	'game_teams.play.choose_placeholder': '— Choose a team —',
	'game_teams.play.code': 'Stage team code (stage contestants only)',
	'game_teams.play.unit_team': "You play for your unit's team.",
	'game_teams.play.rank': 'Team {name} placed {rank} of {of}',
	'game_play.refusal.team_required': 'Please choose your team.',
	'game_play.refusal.team_code_invalid': 'This stage team code is wrong. In the hall, please pick a team from the list.'
};
