// Loaded on demand: the configuration form of a room, for its owner (XEP-0045 §10), drawn as a data form (XEP-0004).
import { Task } from '@lit/task';
import { type ReactiveControllerHost, html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { XmppError } from '../../core/errors.js';
import type { MucRoom } from '../../core/muc/room.js';
import { renderDataForm } from '../data-form/data-form.js';
import { roomConfigStyles } from './room-config.styles.js';
import { type Translate, focusAfterClose, whenShown } from './shared.js';
import { enForms } from '../../i18n/en-forms.js';
import { addEnglish } from '../../i18n/localize.js';

addEnglish(enForms);

/** The form brings its styles to the room, and gives the focus to its first field. */
const configShown = whenShown(roomConfigStyles, true);

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
  /** Closes the form: saved, or cancelled (a new room then takes the default configuration). */
  readonly onClose: () => void;
}

/**
 * The form, once fetched; its first field takes the focus. Cancel and Escape close it (a new room
 * then keeps the default configuration) and give the focus back to "Configure room".
 */
export function renderConfig(task: ConfigTask, { t, onClose }: ConfigViewOptions) {
  return task.render({
    complete: ({ room, form }) => {
      // lit calls the Cancel button's listener with its click.
      const cancel = (event?: Event) => {
        const closing = (event?.target as Element | undefined)?.closest('form');
        if (room.awaitingConfig) room.acceptDefaultConfig();
        onClose();
        if (closing) focusAfterClose(closing, '[data-action="configure"], [part~="input"]');
      };
      // Saved, the form closes: the focus goes back to "Configure room", as after Cancel.
      let saving: Element | undefined;
      const handleKey = (event: KeyboardEvent) => {
        if (event.key !== 'Escape' || event.defaultPrevented) return;
        event.preventDefault();
        cancel(event);
      };
      return html`<div class="config" @keydown=${handleKey} @submit=${(event: Event) => (saving = event.target as Element)} ${ref(configShown)}>
        ${renderDataForm({
          form,
          part: 'room-config',
          submitPart: 'room-config-submit',
          label: t('room.config-title'),
          submitLabel: t('room.config-submit'),
          cancelLabel: t(room.awaitingConfig ? 'room.config-default' : 'room.cancel'),
          // A refusal leaves the form open; the room shows the error.
          onSubmit: (values) =>
            void room.submitConfig(form, values).then(() => {
              onClose();
              if (saving) focusAfterClose(saving, '[data-action="configure"], [part~="input"]');
            }, () => undefined),
          onCancel: cancel,
        })}
      </div>`;
    },
  });
}
