import { type DataForm, findDataForm, submitForm } from '../dataform.js';
import { NS, child, xml } from '../xml.js';

/** The owner's request for the room's configuration form (§10.2). */
export function configRequest(room: string): Element {
  return xml('iq', { to: room, type: 'get' }, xml('query', { xmlns: NS.MUC_OWNER }));
}

/** The configuration form in the room's answer, if it holds one. */
export function configForm(answer: Element): DataForm | undefined {
  return findDataForm(child(answer, 'query', NS.MUC_OWNER));
}

/** Submits the configuration form with these values. */
export function configSubmit(room: string, form: DataForm, values: Readonly<Record<string, readonly string[]>>): Element {
  return xml('iq', { to: room, type: 'set' }, xml('query', { xmlns: NS.MUC_OWNER }, submitForm(form, values)));
}

export { instantRoom } from './instant.js';
