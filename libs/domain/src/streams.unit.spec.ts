import { caseIdOfStream, caseStreamId, programmeStreamId } from './streams.js';

describe('stream ids', () => {
  it('gives back the case id of a case stream, and nothing for any other stream', () => {
    const caseId = '0193a3c4-6f1e-7c2a-9b7e-5d0c1e2f3a4b';
    expect(caseIdOfStream(caseStreamId(caseId))).toBe(caseId);
    expect(caseIdOfStream(programmeStreamId(2024))).toBeUndefined();
    expect(caseIdOfStream('access-log-2026-11')).toBeUndefined();
  });
});
