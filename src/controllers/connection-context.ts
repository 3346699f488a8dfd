import { createContext } from '@lit/context';
import type { Connection } from '../core/connection.js';

/**
 * The connection an ancestor element provides to the xmpp elements inside it
 * (the launcher does), through @lit/context; it wins over their own attributes.
 * `undefined` from a provider means "not yet": the elements inside wait instead
 * of connecting. `null`: none provided, they connect by their own attributes.
 * The key is page-wide, so two copies of the widget find each other's provider.
 */
export const connectionContext = createContext<Connection | null | undefined>(Symbol.for('xmpp-elements.connection.v1'));
