import type { SecurityEvent } from '../../src/events/security-event.js';

/** A fully populated PW event for format tests. */
export function sampleEvent(overrides: Partial<SecurityEvent> = {}): SecurityEvent {
  return {
    id: 'PROD01/AUDLIB/AUDRCV0042/12345',
    time: '2026-11-27T10:15:30.123456-05:00',
    timeMs: Date.parse('2026-11-27T15:15:30.123Z'),
    system: 'PROD01',
    origin: 'QAUDJRN',
    journalCode: 'T',
    entryType: 'PW',
    entryTypeName: 'Password',
    subtype: 'P',
    subtypeName: 'Password not valid',
    action: 'logon',
    outcome: 'failure',
    severity: 4,
    message: 'Password not valid for user JSMITH on device QPADEV0001 from 10.1.2.3',
    user: 'QUSER',
    jobUser: 'QUSER',
    jobName: 'QPADEV0001',
    jobNumber: '123456',
    job: '123456/QUSER/QPADEV0001',
    program: 'QWTMCMNL',
    programLibrary: 'QSYS',
    targetUser: 'JSMITH',
    remoteAddress: '10.1.2.3',
    remotePort: 50123,
    receiverLibrary: 'AUDLIB',
    receiver: 'AUDRCV0042',
    sequence: '12345',
    fields: { violationEntryType: 'P', userName: 'JSMITH', deviceName: 'QPADEV0001' },
    ...overrides,
  };
}
