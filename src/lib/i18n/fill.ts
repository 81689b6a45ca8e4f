/** Fills `{name}` placeholders of a catalogue template; an unknown name stays as written. */
export function fill(template: string, params: Record<string, string | number> = {}): string {
	return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}
