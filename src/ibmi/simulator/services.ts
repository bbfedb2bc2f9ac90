/**
 * IBM i SQL services the agent and `auditrelay ibmi probe` ask, over the simulated system.
 * Column names, types and null rules are IBM's where its page could be read (V, with the
 * page); the rest (K) are names public code uses, with types we chose — each marked.
 */
import type { ReceiverInfo } from './journal.js';
import { column, mapepireTimestamp, rowOf, type SimulatedObject } from './objects.js';
import { bigint, char, decimal, integer, smallint, timestamp, varchar } from './sql-types.js';

export const SYSDUMMY1: SimulatedObject = {
  schema: 'SYSIBM',
  name: 'SYSDUMMY1',
  kind: 'view',
  columns: [column('IBMREQD', char(1))],
  rows: () => [rowOf({ IBMREQD: 'Y' })],
};

/**
 * QSYS2.JOURNAL_INFO (system name JRNINFO). V: the first eight columns, IBM 7.3/7.4
 * (rzajqviewjournalinfo.htm); the attached receiver's columns are null when none is attached.
 */
export const JOURNAL_INFO: SimulatedObject = {
  schema: 'QSYS2',
  name: 'JOURNAL_INFO',
  kind: 'view',
  columns: [
    column('JOURNAL_NAME', varchar(10)),
    column('JOURNAL_LIBRARY', varchar(10)),
    column('ASP_NUMBER', integer()),
    column('JOURNAL_ASPGRP', varchar(10)),
    column('ATTACHED_JOURNAL_RECEIVER_NAME', varchar(10, true)),
    column('ATTACHED_JOURNAL_RECEIVER_LIBRARY', varchar(10, true)),
    column('MESSAGE_QUEUE', varchar(10)),
    column('MESSAGE_QUEUE_LIBRARY', varchar(10)),
    // V: DLTRCVOPT VARCHAR(3), YES or NO (IBM 7.2 and 7.4, rzajqviewjournalinfo.htm).
    column('DELETE_RECEIVER_OPTION', varchar(3)),
  ],
  rows: (_args, { journal, system }) => {
    const attached = journal.attached;
    return [
      rowOf({
        JOURNAL_NAME: journal.state.journal,
        JOURNAL_LIBRARY: journal.state.journalLibrary,
        ASP_NUMBER: 1,
        JOURNAL_ASPGRP: '*SYSBAS',
        ATTACHED_JOURNAL_RECEIVER_NAME: attached?.name,
        ATTACHED_JOURNAL_RECEIVER_LIBRARY: attached?.library,
        MESSAGE_QUEUE: 'QSYSOPR',
        MESSAGE_QUEUE_LIBRARY: 'QSYS',
        DELETE_RECEIVER_OPTION: system.journalDeletesReceivers ? 'YES' : 'NO',
      }),
    ];
  },
};

/**
 * QSYS2.JOURNAL_RECEIVER_INFO (system name JRNRCV_INF), one row per receiver on the system.
 * V: the first six columns (IBM 7.5/7.6, rzajqviewjrnrcvinfo.htm). K: the rest (names as
 * codefori/vscode-ibmi-fs selects them; types ours). A deleted receiver has no row. Statuses
 * here are ATTACHED and ONLINE; IBM's API also knows SAVED, FREED, PARTIAL and EMPTY.
 */
export const JOURNAL_RECEIVER_INFO: SimulatedObject = {
  schema: 'QSYS2',
  name: 'JOURNAL_RECEIVER_INFO',
  kind: 'view',
  columns: [
    column('JOURNAL_RECEIVER_LIBRARY', varchar(10)),
    column('JOURNAL_RECEIVER_NAME', varchar(10)),
    column('DESCRIPTIVE_TEXT', varchar(50, true)),
    column('JOURNAL_RECEIVER_ASP_NUMBER', integer()),
    column('JOURNAL_RECEIVER_ASP_NAME', varchar(10)),
    column('JOURNAL_LIBRARY', varchar(10, true)),
    column('JOURNAL_NAME', varchar(10, true)),
    column('STATUS', varchar(8, true)),
    column('NUMBER_OF_JOURNAL_ENTRIES', decimal(21, 0, true)),
    column('FIRST_SEQUENCE_NUMBER', decimal(21, 0, true)),
    column('LAST_SEQUENCE_NUMBER', decimal(21, 0, true)),
    column('ATTACH_TIMESTAMP', timestamp(true)),
    column('DETACH_TIMESTAMP', timestamp(true)),
    column('PREVIOUS_JOURNAL_RECEIVER_LIBRARY', varchar(10, true)),
    column('PREVIOUS_JOURNAL_RECEIVER', varchar(10, true)),
    column('NEXT_JOURNAL_RECEIVER_LIBRARY', varchar(10, true)),
    column('NEXT_JOURNAL_RECEIVER', varchar(10, true)),
  ],
  rows: (_args, { journal }) => {
    const chain = journal.receivers;
    const at = (r: ReceiverInfo | undefined) => (r ? mapepireTimestamp(new Date(r.attached)) : undefined);
    return chain.flatMap((receiver, i) => {
      if (receiver.status === 'DELETED') return [];
      const previous = chain[i - 1];
      const next = chain[i + 1];
      return [
        rowOf({
          JOURNAL_RECEIVER_LIBRARY: receiver.library,
          JOURNAL_RECEIVER_NAME: receiver.name,
          JOURNAL_RECEIVER_ASP_NUMBER: 1,
          JOURNAL_RECEIVER_ASP_NAME: '*SYSBAS',
          JOURNAL_LIBRARY: journal.state.journalLibrary,
          JOURNAL_NAME: journal.state.journal,
          STATUS: receiver.status,
          NUMBER_OF_JOURNAL_ENTRIES: BigInt(receiver.entries),
          FIRST_SEQUENCE_NUMBER: receiver.firstSequence === null ? null : BigInt(receiver.firstSequence),
          LAST_SEQUENCE_NUMBER: receiver.lastSequence === null ? null : BigInt(receiver.lastSequence),
          ATTACH_TIMESTAMP: at(receiver),
          DETACH_TIMESTAMP: receiver.status === 'ATTACHED' ? null : at(next),
          PREVIOUS_JOURNAL_RECEIVER_LIBRARY: previous?.library,
          PREVIOUS_JOURNAL_RECEIVER: previous?.name,
          NEXT_JOURNAL_RECEIVER_LIBRARY: next?.library,
          NEXT_JOURNAL_RECEIVER: next?.name,
        }),
      ];
    });
  },
};

/**
 * QSYS2.JOBLOG_INFO(job-name): the messages of a job's log; '*' is the current job. V: the
 * columns up to MESSAGE_LIBRARY with their types, and that every column is nullable (IBM
 * 7.3, rzajqudfjobloginfo.htm). K: the types of MESSAGE_TEXT and later columns.
 */
export const JOBLOG_INFO: SimulatedObject = {
  schema: 'QSYS2',
  name: 'JOBLOG_INFO',
  kind: 'function',
  columns: [
    column('ORDINAL_POSITION', integer(true)),
    column('MESSAGE_ID', varchar(7, true)),
    column('MESSAGE_TYPE', varchar(13, true)),
    column('MESSAGE_SUBTYPE', varchar(22, true)),
    column('SEVERITY', smallint(true)),
    column('MESSAGE_TIMESTAMP', timestamp(true)),
    column('FROM_LIBRARY', varchar(10, true)),
    column('FROM_PROGRAM', varchar(256, true)),
    column('FROM_MODULE', varchar(10, true)),
    column('FROM_PROCEDURE', varchar(4096, true)),
    column('FROM_INSTRUCTION', varchar(10, true)),
    column('TO_LIBRARY', varchar(10, true)),
    column('TO_PROGRAM', varchar(10, true)),
    column('TO_MODULE', varchar(10, true)),
    column('TO_PROCEDURE', varchar(4096, true)),
    column('TO_INSTRUCTION', varchar(10, true)),
    column('FROM_USER', varchar(10, true)),
    column('MESSAGE_FILE', varchar(10, true)),
    column('MESSAGE_LIBRARY', varchar(10, true)),
    column('MESSAGE_TEXT', varchar(1024, true)),
    column('MESSAGE_SECOND_LEVEL_TEXT', varchar(4096, true)),
    column('QUALIFIED_JOB_NAME', varchar(28, true)),
  ],
  rows: (args, { jobLog, job }) => {
    const wanted = String(args.positional[0] ?? args.named.get('JOB_NAME') ?? '').trim();
    if (wanted !== '*' && wanted !== job) return [];
    return jobLog.messages.map((message, i) =>
      rowOf({
        ORDINAL_POSITION: i + 1,
        MESSAGE_ID: message.id,
        MESSAGE_TYPE: message.type,
        SEVERITY: message.severity,
        MESSAGE_TIMESTAMP: message.timestamp,
        MESSAGE_FILE: message.id?.startsWith('SQL') ? 'QSQLMSG' : 'QCPFMSG',
        MESSAGE_LIBRARY: 'QSYS',
        MESSAGE_TEXT: message.text,
        QUALIFIED_JOB_NAME: job,
      }),
    );
  },
};

/** SYSIBMADM.ENV_SYS_INFO. V: every column and that all are nullable (IBM 7.4, rzajqviewenvinfo.htm). */
export const ENV_SYS_INFO: SimulatedObject = {
  schema: 'SYSIBMADM',
  name: 'ENV_SYS_INFO',
  kind: 'view',
  columns: [
    column('OS_NAME', varchar(256, true)),
    column('OS_VERSION', varchar(256, true)),
    column('OS_RELEASE', varchar(256, true)),
    column('HOST_NAME', varchar(256, true)),
    column('TOTAL_CPUS', integer(true)),
    column('CONFIGURED_CPUS', integer(true)),
    column('CONFIGURED_MEMORY', bigint(true)),
    column('TOTAL_MEMORY', integer(true)),
  ],
  rows: (_args, { release, journal }) => [
    rowOf({
      OS_NAME: 'IBM i',
      OS_VERSION: String(release.version),
      OS_RELEASE: String(release.release),
      HOST_NAME: journal.state.systemName,
      TOTAL_CPUS: 4,
      CONFIGURED_CPUS: 4,
      CONFIGURED_MEMORY: 65_536n,
      TOTAL_MEMORY: 65_536,
    }),
  ],
};

/** QSYS2.GROUP_PTF_INFO. V: the first six columns (IBM 7.4, rzajqviewgrpptfinfo.htm); null rules K. */
export const GROUP_PTF_INFO: SimulatedObject = {
  schema: 'QSYS2',
  name: 'GROUP_PTF_INFO',
  kind: 'view',
  columns: [
    column('COLLECTED_TIME', timestamp(true)),
    column('PTF_GROUP_NAME', varchar(60, true)),
    column('PTF_GROUP_DESCRIPTION', varchar(100, true)),
    column('PTF_GROUP_LEVEL', integer(true)),
    column('PTF_GROUP_TARGET_RELEASE', varchar(6, true)),
    column('PTF_GROUP_STATUS', varchar(20, true)),
  ],
  rows: (_args, { release }) =>
    release.ptfGroups.map((group) =>
      rowOf({
        COLLECTED_TIME: mapepireTimestamp(new Date()),
        PTF_GROUP_NAME: group.name,
        PTF_GROUP_DESCRIPTION: group.description,
        PTF_GROUP_LEVEL: group.level,
        PTF_GROUP_TARGET_RELEASE: `V${release.version}R${release.release}M0`,
        PTF_GROUP_STATUS: 'INSTALLED',
      }),
    ),
};
