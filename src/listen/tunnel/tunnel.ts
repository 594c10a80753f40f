/** What became of a tunnel after it opened: the session says so, as deliveries fail meanwhile. */
export type TunnelStatus =
  | { state: 'lost'; reason: string /** It will not come back (its process ended). */; final: boolean }
  | { state: 'back'; url: string };

/** A public URL that reaches the local receiver, and how to take it down. */
export interface Tunnel {
  readonly url: string;
  /** A process of its own (cloudflared): recorded in the journal, so `prune` can stop it after a crash. */
  readonly pid?: number;
  /** Called when the tunnel drops and when it is back (ngrok's status, cloudflared's lines and exit). */
  onStatus?(listener: (status: TunnelStatus) => void): void;
  close(): Promise<void>;
}

export type TunnelKind = 'ngrok' | 'cloudflared' | 'none';
