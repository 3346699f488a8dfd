import { html, nothing } from 'lit';
import type { DataForm, FormField } from '../../core/dataform.js';
import { isTrue } from '../../core/dataform.js';

export interface DataFormOptions {
  readonly form: DataForm;
  /** The form's part name, e.g. `room-config`. */
  readonly part: string;
  /** The submit button's part name, e.g. `room-config-submit`. */
  readonly submitPart: string;
  readonly label: string;
  readonly submitLabel: string;
  readonly cancelLabel?: string;
  readonly onSubmit: (values: Record<string, string[]>) => void;
  readonly onCancel?: () => void;
}

function control(form: HTMLFormElement, name: string): Element | null {
  const found = form.elements.namedItem(name);
  return found instanceof Element ? found : null;
}

/** Reads what the user entered for each field of the form (XEP-0004 value rules). */
function readValues(formElement: HTMLFormElement, form: DataForm): Record<string, string[]> {
  const values: Record<string, string[]> = {};
  for (const field of form.fields) {
    if (!field.var || field.type === 'fixed' || field.type === 'hidden') continue;
    const el = control(formElement, field.var);
    if (el instanceof HTMLInputElement) {
      values[field.var] = field.type === 'boolean' ? [el.checked ? '1' : '0'] : el.value ? [el.value] : [];
    } else if (el instanceof HTMLSelectElement) {
      values[field.var] = [...el.selectedOptions].map((o) => o.value);
    } else if (el instanceof HTMLTextAreaElement) {
      values[field.var] = el.value
        .split('\n')
        .map((line) => (field.type === 'jid-multi' ? line.trim() : line))
        .filter((line, i, all) => field.type !== 'jid-multi' || (line !== '' && all.indexOf(line) === i));
      if (field.type === 'text-multi' && el.value === '') values[field.var] = [];
    }
  }
  return values;
}

function renderField(field: FormField) {
  const label = field.label || field.var;
  const desc = field.desc ? html`<small>${field.desc}</small>` : nothing;
  const value = field.values[0] ?? '';
  switch (field.type) {
    case 'hidden':
      return nothing;
    case 'fixed':
      return html`<p class="fixed">${field.values.join('\n')}</p>`;
    case 'boolean':
      return html`<label class="check"
        ><input type="checkbox" name=${field.var} .checked=${isTrue(value)} /> ${label} ${desc}</label
      >`;
    case 'list-single':
    case 'list-multi':
      return html`<label
        >${label}
        <select name=${field.var} ?multiple=${field.type === 'list-multi'} ?required=${field.required}>
          ${field.options.map(
            (o) => html`<option .value=${o.value} ?selected=${field.values.includes(o.value)}>${o.label}</option>`,
          )}
        </select>
        ${desc}</label
      >`;
    case 'text-multi':
    case 'jid-multi':
      return html`<label
        >${label}
        <textarea name=${field.var} rows="3" .value=${field.values.join('\n')}></textarea>
        ${desc}</label
      >`;
    default:
      return html`<label
        >${label}
        <input
          name=${field.var}
          type=${field.type === 'text-private' ? 'password' : 'text'}
          autocomplete="off"
          ?required=${field.required}
          .value=${value}
        />
        ${desc}</label
      >`;
  }
}

/** A data form (XEP-0004) as an HTML form: every field type, labels and descriptions as text. */
export function renderDataForm(options: DataFormOptions) {
  const { form } = options;
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    options.onSubmit(readValues(event.currentTarget as HTMLFormElement, form));
  };
  return html`<form part=${options.part} class="data-form" aria-label=${options.label} @submit=${submit}>
    <h3>${form.title || options.label}</h3>
    ${form.instructions.map((line) => html`<p>${line}</p>`)} ${form.fields.map(renderField)}
    <div class="actions">
      <button part=${options.submitPart} type="submit">${options.submitLabel}</button>
      ${options.onCancel && options.cancelLabel
        ? html`<button type="button" @click=${options.onCancel}>${options.cancelLabel}</button>`
        : nothing}
    </div>
  </form>`;
}
