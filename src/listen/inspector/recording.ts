import { damagedLineNotes, readRecording } from '../recording-file.js';
import { inspectorKey } from './key.js';
import { entryFrom } from './record.js';
import { storeReplayer } from './replay.js';
import { startInspector } from './server.js';
import { InspectorStore } from './store.js';

export interface RecordingInspector {
  url: string;
  deliveries: number;
  /** `FILE:LINE: ...` for each line that was skipped. */
  notes: string[];
  close(): Promise<void>;
}

/** `inspect --from FILE`: the inspector over a `listen --record` file; replays go to `target`. */
export async function inspectRecording(options: {
  file: string;
  port?: number | undefined;
  stateDir: string;
  token: string;
  target?: string | undefined;
  /** `--insecure`: replays accept the loopback target's self-signed certificate. */
  insecure?: boolean;
}): Promise<RecordingInspector> {
  const recording = await readRecording(options.file);
  const store = new InspectorStore();
  recording.deliveries.forEach((recorded, index) => {
    // Sessions may share a file and restart their ids: the key is the line's place.
    store.put(
      entryFrom(
        String(index + 1),
        {
          ...recorded,
          body: Buffer.from(recorded.body_base64, 'base64'),
          forward: recorded.forward,
          retry_of: recorded.retry_of,
          replay_of: recorded.replay_of,
        },
        options.token,
      ),
    );
  });
  const inspector = await startInspector({
    store,
    key: inspectorKey(options.stateDir),
    port: options.port,
    replay: storeReplayer(
      store,
      options.token,
      options.target
        ? { url: options.target, isReceiver: false, insecure: options.insecure === true }
        : undefined,
    ),
    target: options.target === undefined ? undefined : () => options.target,
    token: options.token,
  });
  return {
    url: inspector.url,
    deliveries: recording.deliveries.length,
    notes: damagedLineNotes(options.file, recording),
    close: () => inspector.close(),
  };
}
