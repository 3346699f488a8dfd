/** Data forms (XEP-0004): parsed into plain objects, answered with a submit form. */
import { NS, child, childText, children, xml } from './xml.js';

export type FieldType =
  | 'boolean'
  | 'fixed'
  | 'hidden'
  | 'jid-multi'
  | 'jid-single'
  | 'list-multi'
  | 'list-single'
  | 'text-multi'
  | 'text-private'
  | 'text-single';

const FIELD_TYPES: readonly FieldType[] = [
  'boolean',
  'fixed',
  'hidden',
  'jid-multi',
  'jid-single',
  'list-multi',
  'list-single',
  'text-multi',
  'text-private',
  'text-single',
];

export interface FormOption {
  readonly label: string;
  readonly value: string;
}

export interface FormField {
  /** The field's name; '' for a `fixed` field. */
  readonly var: string;
  readonly type: FieldType;
  readonly label: string;
  readonly desc: string;
  readonly required: boolean;
  readonly values: readonly string[];
  readonly options: readonly FormOption[];
}

export interface DataForm {
  readonly type: string;
  readonly title: string;
  readonly instructions: readonly string[];
  readonly fields: readonly FormField[];
}

/** Most fields and values a form may hold; what is beyond is dropped. */
const MAX_FIELDS = 200;
const MAX_VALUES = 500;
const MAX_TEXT = 5000;

const cut = (text: string) => (text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text);

/** Parses a `<x xmlns="jabber:x:data">`; undefined when there is none. Never throws. */
export function parseDataForm(x: Element | undefined): DataForm | undefined {
  if (!x) return undefined;
  const fields = children(x, 'field')
    .slice(0, MAX_FIELDS)
    .map((field): FormField => {
      const rawType = field.getAttribute('type') ?? 'text-single';
      const type = (FIELD_TYPES as readonly string[]).includes(rawType) ? (rawType as FieldType) : 'text-single';
      return {
        var: field.getAttribute('var') ?? '',
        type,
        label: cut(field.getAttribute('label') ?? ''),
        desc: cut(childText(field, 'desc') ?? ''),
        required: child(field, 'required') !== undefined,
        values: children(field, 'value')
          .slice(0, MAX_VALUES)
          .map((v) => cut(v.textContent ?? '')),
        options: children(field, 'option')
          .slice(0, MAX_VALUES)
          .map((o) => {
            const value = cut(childText(o, 'value') ?? '');
            return { value, label: cut(o.getAttribute('label') ?? '') || value };
          }),
      };
    })
    .filter((f) => f.var !== '' || f.type === 'fixed');
  return {
    type: x.getAttribute('type') ?? 'form',
    title: cut(childText(x, 'title') ?? ''),
    instructions: children(x, 'instructions').map((i) => cut(i.textContent ?? '')),
    fields,
  };
}

/** The first data form among an element's children, in the jabber:x:data namespace. */
export function findDataForm(parent: Element | undefined): DataForm | undefined {
  return parseDataForm(child(parent, 'x', NS.DATA));
}

/** A field's value as a boolean (XEP-0004 §3.3: `1`/`true`). */
export function isTrue(value: string | undefined): boolean {
  return value === '1' || value === 'true';
}

/**
 * The submit form answering `form`: every named field that is not fixed, with
 * the value from `values` where given, else the form's own (hidden fields such
 * as FORM_TYPE keep theirs).
 */
export function submitForm(form: DataForm, values: Readonly<Record<string, readonly string[]>>): Element {
  return xml(
    'x',
    { xmlns: NS.DATA, type: 'submit' },
    ...form.fields
      .filter((f) => f.var && f.type !== 'fixed')
      .map((f) => {
        const given = f.type === 'hidden' ? undefined : values[f.var];
        const chosen = given ?? f.values;
        return xml('field', { var: f.var }, ...chosen.map((v) => xml('value', {}, v)));
      }),
  );
}
