/** A public URL that reaches the local receiver, and how to take it down. */
export interface Tunnel {
  readonly url: string;
  close(): Promise<void>;
}

export type TunnelKind = 'ngrok' | 'none';
