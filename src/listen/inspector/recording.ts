import { damagedLineNotes, readRecording } from '../../send/replay.js';
import { inspectedFrom } from './record.js';
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
  token: string;
  target?: string | undefined;
}): Promise<RecordingInspector> {
  const recording = await readRecording(options.file);
  const store = new InspectorStore();
  for (const recorded of recording.deliveries) {
    store.put(recorded.id, () =>
      inspectedFrom(
        { ...recorded, body: Buffer.from(recorded.body_base64, 'base64') },
        options.token,
        options.target,
      ),
    );
  }
  const inspector = await startInspector({
    store,
    port: options.port,
    replay: storeReplayer(store, options.token, options.target),
  });
  return {
    url: inspector.url,
    deliveries: recording.deliveries.length,
    notes: damagedLineNotes(options.file, recording),
    close: () => inspector.close(),
  };
}
