import { createContext } from '@lit/context';
import type { Connection } from '../core/connection.js';

/**
 * The connection an ancestor element provides to the xmpp elements inside it
 * (the launcher does), through @lit/context. `undefined` from a provider means
 * "not yet": the elements inside wait instead of connecting on their own.
 * The key is page-wide, so two copies of the widget find each other's provider.
 */
export const connectionContext = createContext<Connection | undefined>(Symbol.for('xmpp-elements.connection.v1'));
