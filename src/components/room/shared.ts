import type { MessageKey } from '../../i18n/localize.js';

/** Words a message from the table, as the element's `t()` does. */
export type Translate = (key: MessageKey, params?: Readonly<Record<string, string | number>>) => string;
