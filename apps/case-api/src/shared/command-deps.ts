/** What the write path runs with in this app: the primary store, the vault, the clock, metrics. */
import type { Provider } from '@nestjs/common';
import { COMMAND_DEPS, type CommandDeps } from '#cases';
import { EVENT_STORE, type EventStore } from '#event-store';
import { CLOCK, Metrics, type Clock } from '#http';
import { VAULT, type PersonalDataVault } from '#privacy';

export const commandDepsProvider: Provider = {
  provide: COMMAND_DEPS,
  useFactory: (
    store: EventStore,
    vault: PersonalDataVault,
    clock: Clock,
    metrics: Metrics,
  ): CommandDeps => ({
    store,
    vault,
    clock,
    observer: {
      conflict: (kind) => metrics.commandConflicts.inc({ kind }),
      appendStarted: () => {
        const end = metrics.appendDuration.startTimer();
        return (outcome) => void end({ outcome });
      },
    },
  }),
  inject: [EVENT_STORE, VAULT, CLOCK, Metrics],
};
