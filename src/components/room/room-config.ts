// Loaded on demand: the configuration form of a room, for its owner (XEP-0045 §10), drawn as a data form (XEP-0004).
import { Task } from '@lit/task';
import type { ReactiveControllerHost } from 'lit';
import type { DataForm } from '../../core/dataform.js';
import { XmppError } from '../../core/errors.js';
import type { MucRoom } from '../../core/muc/room.js';
import { renderDataForm } from '../data-form/data-form.js';
export { roomConfigStyles as styles } from './room-config.styles.js';
import type { Translate } from './shared.js';
import { enForms } from '../../i18n/en-forms.js';
import { addEnglish } from '../../i18n/localize.js';

addEnglish(enForms);

/** Fetches the room's configuration form when run; `onFail` hears of a refusal (the room shows it). */
export function configTask(host: ReactiveControllerHost, room: () => MucRoom | undefined, onFail: () => void) {
  return new Task(host, {
    autoRun: false,
    args: () => [room()] as const,
    task: async ([current]) => {
      if (!current) throw new XmppError({ condition: 'not-joined', text: '' });
      try {
        return { room: current, form: await current.fetchConfig() };
      } catch (error) {
        onFail();
        throw error;
      }
    },
  });
}

export type ConfigTask = ReturnType<typeof configTask>;

export interface ConfigViewOptions {
  readonly t: Translate;
  readonly onSubmit: (room: MucRoom, form: DataForm, values: Record<string, string[]>) => void;
  readonly onCancel: (room: MucRoom) => void;
}

/** The form, once fetched. */
export function renderConfig(task: ConfigTask, { t, onSubmit, onCancel }: ConfigViewOptions) {
  return task.render({
    complete: ({ room, form }) =>
      renderDataForm({
        form,
        part: 'room-config',
        submitPart: 'room-config-submit',
        label: t('room.config-title'),
        submitLabel: t('room.config-submit'),
        cancelLabel: t(room.awaitingConfig ? 'room.config-default' : 'room.cancel'),
        onSubmit: (values) => onSubmit(room, form, values),
        onCancel: () => onCancel(room),
      }),
  });
}
