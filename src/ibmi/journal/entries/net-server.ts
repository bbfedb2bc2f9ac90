import type { Severity } from '../../../core/event.js';
import { type TypeSpec, warning, what } from '../rules.js';

/**
 * The network server (NetServer) types VA VC VL VN VP VR VS VU VV share a heading: server,
 * date, time, computer name and a user, whose key differs by type (`user`, `requesterName`,
 * `connectionUser`).
 */
export function netServer<UserKey extends string, LongNameKey extends string = never>(
  action: string,
  severity: Severity,
  failures: readonly string[],
  userKey: UserKey,
  longComputerNameKey?: LongNameKey,
): TypeSpec<UserKey | LongNameKey | 'serverName' | 'computerName'> {
  return {
    action,
    severity,
    failures,
    severityBySubtype: Object.fromEntries(failures.map((s) => [s, warning])),
    target: userKey,
    message: (i) => {
      const computer = (longComputerNameKey && i.f(longComputerNameKey)) || i.f('computerName');
      return `Network server ${i.f('serverName') ?? '?'}: ${what(i, action)} for user ${i.f(userKey) ?? '?'}${computer ? ` from ${computer}` : ''}`;
    },
  };
}
