import { describe, expect, it } from 'vitest';
import { decodeRunMetadata, encodeRunMetadata, type RunModalMetadata } from '../../src/forms/view-metadata.js';

const full: RunModalMetadata = { provider: 'jasper', taskId: 't1', channelId: 'C1', userId: 'U1', threadTs: '1.2', sessionId: 's1' };

describe('run modal metadata', () => {
  it('round-trips with and without the optional fields', () => {
    expect(decodeRunMetadata(encodeRunMetadata(full))).toEqual(full);
    const bare = { provider: 'jasper', taskId: 't1', channelId: 'C1', userId: 'U1' };
    expect(decodeRunMetadata(encodeRunMetadata(bare))).toEqual(bare);
  });

  it('rejects what it did not write', () => {
    for (const s of ['', 'not json', '{}', '{"v":2,"p":"a","t":"b","c":"c","u":"d"}', '{"v":1,"p":1,"t":"b","c":"c","u":"d"}']) {
      expect(decodeRunMetadata(s)).toBeNull();
    }
  });

  it('throws when it would be over 3000 characters, and fits just under', () => {
    expect(() => encodeRunMetadata({ ...full, taskId: 'x'.repeat(3000) })).toThrow(/3000/);
    const overhead = encodeRunMetadata({ ...full, taskId: '' }).length;
    const fits = encodeRunMetadata({ ...full, taskId: 'x'.repeat(3000 - overhead) });
    expect(fits.length).toBe(3000);
    expect(decodeRunMetadata(fits)?.taskId).toHaveLength(3000 - overhead);
  });
});
