import { EVENT_TYPES } from '../../packages/webhooks/src/catalog/event-types.js';
import { byText } from '../../packages/webhooks/src/shared/text.js';

/** Where a prompt reads keys and draws; stderr by default so stdout stays clean for `--json`. */
export interface PromptStreams {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
}

function context(streams: PromptStreams) {
  return { input: streams.input ?? process.stdin, output: streams.output ?? process.stderr };
}

/** A checkbox picker of the catalog, grouped by resource, each event with its description and scope. */
export async function pickEvents(streams: PromptStreams = {}): Promise<string[]> {
  const { checkbox, Separator } = await import('@inquirer/prompts');
  const choices: (InstanceType<typeof Separator> | { name: string; value: string; description: string })[] =
    [];
  let resource: string | undefined;
  const sorted = [...EVENT_TYPES].sort((a, b) => byText(a.resource, b.resource) || byText(a.name, b.name));
  for (const event of sorted) {
    if (event.resource !== resource) {
      resource = event.resource;
      choices.push(new Separator(`── ${resource}`));
    }
    const scopes = event.scopes.length > 0 ? event.scopes.join(' ') : 'no scope';
    const marks = [event.synchronous ? 'synchronous' : '', event.privileged ? 'privileged' : ''].filter(
      Boolean,
    );
    choices.push({
      name: marks.length > 0 ? `${event.name} (${marks.join(', ')})` : event.name,
      value: event.name,
      description: `${event.description} (${scopes})`,
    });
  }
  return checkbox(
    {
      message: 'Which events? (space selects, a toggles all, enter confirms)',
      choices,
      pageSize: 15,
      required: true,
    },
    context(streams),
  );
}

export async function confirm(message: string, streams: PromptStreams = {}): Promise<boolean> {
  const prompts = await import('@inquirer/prompts');
  return prompts.confirm({ message, default: false }, context(streams));
}

/** A secret typed at a masked prompt (never echoed), trimmed. */
export async function askSecret(message: string, streams: PromptStreams = {}): Promise<string> {
  const prompts = await import('@inquirer/prompts');
  return (await prompts.password({ message, mask: '*' }, context(streams))).trim();
}
