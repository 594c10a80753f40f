import { randomUUID } from 'node:crypto';

/** A Salesloft team as `GET /v2/team` shows it. */
export interface EmulatedTeam {
  id: number;
  name: string;
}

/** The application behind one API key: its team, and the user the key acts as (`GET /v2/me`). */
export interface EmulatedApplication {
  key: string;
  team: EmulatedTeam;
  user: { id: number; guid: string; name: string; email: string };
}

/** What a key may be registered with; anything left out gets the emulator's defaults. */
export interface ApplicationInput {
  team?: Partial<EmulatedTeam>;
  user?: { name?: string; email?: string };
}

/** The team every key not registered otherwise belongs to. */
export const DEFAULT_TEAM: EmulatedTeam = { id: 4242, name: 'Emulated Team' };

/**
 * Which API key is which application of which team. Salesloft lists subscriptions per application
 * (a key sees what its own application made); every key the emulator accepts and nobody registered
 * is an application of the default team.
 */
export class Directory {
  private readonly byKey = new Map<string, EmulatedApplication>();
  private nextUserId = 1001;

  /** Registers `key` (again): its team and user. */
  register(key: string, input: ApplicationInput = {}): EmulatedApplication {
    const team = { ...DEFAULT_TEAM, ...input.team };
    const id = this.nextUserId++;
    const application: EmulatedApplication = {
      key,
      team,
      user: {
        id,
        guid: randomUUID(),
        name: input.user?.name ?? 'Sam Rivera',
        email: input.user?.email ?? `sam.rivera+${id}@salesloft.example.com`,
      },
    };
    this.byKey.set(key, application);
    return application;
  }

  /** The application of `key`, made on first use when it was not registered. */
  of(key: string): EmulatedApplication {
    return this.byKey.get(key) ?? this.register(key);
  }
}
