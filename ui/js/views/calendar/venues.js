/**
 * The community's venues: where its events are held (name, address, capacity, a contact,
 * notes). One dialog lists them and edits them in place: pick a venue to change it, or add
 * one; a venue in use can be deleted too (its events keep their times and lose the place,
 * as core does). The event form picks from this list.
 */

import { venueCreate, venueDelete, venueList, venueUpdate } from '../../api/events.js';
import { confirmDialog } from '../../components/dialog.js';
import { formDialog, formFields } from '../../components/form-dialog.js';
import { h, replaceChildren } from '../../dom.js';
import { LIMITS } from '../../contract/values.js';
import { errorMessage, t } from '../../i18n/index.js';

/** @typedef {import('../../contract/types.js').Venue} Venue */

/**
 * @param {import('../../main.js').ViewContext} ctx
 * @param {number} communityId
 * @param {() => void} changed  the venues changed (the calendar and the panel show names).
 */
export async function venuesDialog(ctx, communityId, changed) {
  /** @type {Venue[]} */
  let venues;
  try {
    venues = await venueList(communityId);
  } catch (error) {
    ctx.app.toast(errorMessage(error), { kind: 'error' });
    return;
  }
  /** @type {Venue|null} the venue being edited; null: a new one. */
  let editing = null;
  const fields = formFields();
  const input = (props) => h('input', { type: 'text', autocomplete: 'off', ...props });
  const name = input({ maxlength: LIMITS.venue.name, required: true });
  const address = input({ maxlength: LIMITS.venue.address });
  const capacity = input({ inputmode: 'numeric' });
  const contact = input({ maxlength: LIMITS.venue.contact });
  const notes = h('textarea', { rows: 2, maxlength: LIMITS.venue.notes });
  const formTitle = h('h3', { class: 'venue-form-title', testid: 'venue-form-title' });
  const list = h('ul', { class: 'venue-list', testid: 'venue-list', 'aria-label': t('calendar.venues.list') });
  const remove = h('button', { type: 'button', class: 'destructive', testid: 'venue-delete', onclick: () => removeVenue() }, t('calendar.venues.delete'));
  const save = h('button', { type: 'submit', class: 'suggested', testid: 'venue-save' }, t('calendar.venues.save'));

  function fill(/** @type {Venue|null} */ venue) {
    editing = venue;
    fields.clearAll();
    name.value = venue?.name ?? '';
    address.value = venue?.address ?? '';
    capacity.value = venue?.capacity == null ? '' : String(venue.capacity);
    contact.value = venue?.contact ?? '';
    notes.value = venue?.notes ?? '';
    formTitle.textContent = venue ? t('calendar.venues.editTitle', { name: venue.name }) : t('calendar.venues.newTitle');
    remove.hidden = !venue;
    save.textContent = venue ? t('calendar.venues.save') : t('calendar.venues.add');
    draw();
  }

  function draw() {
    replaceChildren(
      list,
      venues.length === 0
        ? h('li', { class: 'dim', testid: 'venues-empty' }, t('calendar.venues.empty'))
        : venues.map((venue) =>
            h(
              'li',
              {},
              h(
                'button',
                {
                  type: 'button',
                  class: `venue-pick${editing?.id === venue.id ? ' selected' : ''}`,
                  testid: `venue-${venue.id}`,
                  'aria-pressed': String(editing?.id === venue.id),
                  onclick: () => fill(venue),
                },
                h('span', { class: 'venue-name' }, venue.name),
                venue.address ? h('span', { class: 'dim' }, venue.address) : null,
              ),
            ),
          ),
      h('li', {}, h('button', { type: 'button', class: 'flat', testid: 'venue-new', onclick: () => fill(null) }, t('calendar.venues.new'))),
    );
  }

  async function removeVenue() {
    if (!editing) return;
    const sure = await confirmDialog({
      title: t('calendar.venues.deleteTitle', { name: editing.name }),
      body: t('calendar.venues.deleteBody'),
      confirmLabel: t('calendar.venues.delete'),
      destructive: true,
    });
    if (!sure) return;
    try {
      await venueDelete(editing.id);
      venues = venues.filter((v) => v.id !== editing?.id);
      changed();
      fill(null);
    } catch (error) {
      ctx.app.toast(errorMessage(error), { kind: 'error' });
    }
  }

  const dialog = formDialog({
    testid: 'venues-dialog',
    title: t('calendar.venues.title'),
    wide: true,
    body: h(
      'div',
      { class: 'venues' },
      list,
      h(
        'div',
        { class: 'venue-form' },
        formTitle,
        fields.field('name', 'venue-name', t('calendar.venues.name'), name),
        fields.field('address', 'venue-address', t('calendar.venues.address'), address),
        h(
          'div',
          { class: 'field-row' },
          fields.field('capacity', 'venue-capacity', t('calendar.venues.capacity'), capacity),
          fields.field('contact', 'venue-contact', t('calendar.venues.contact'), contact),
        ),
        fields.field('notes', 'venue-notes', t('calendar.venues.notes'), notes),
        h('div', { class: 'venue-form-buttons' }, remove, h('span', { class: 'spacer' }), save),
      ),
    ),
    buttons: [h('span', { class: 'spacer' }), h('button', { type: 'button', testid: 'venues-close', onclick: () => dialog.finish(null) }, t('calendar.venues.close'))],
    onsubmit: async () => {
      fields.clearAll();
      const typed = {
        name: name.value,
        address: address.value,
        capacity: capacity.value.trim() || null,
        contact: contact.value,
        notes: notes.value,
      };
      try {
        const saved = editing ? await venueUpdate(editing.id, typed) : await venueCreate(communityId, typed);
        venues = [...venues.filter((v) => v.id !== saved.id), saved].sort((a, b) => a.name.localeCompare(b.name));
        changed();
        ctx.app.toast(t('calendar.venues.saved', { name: saved.name }));
        fill(saved);
      } catch (error) {
        if (!fields.showError(error)) ctx.app.toast(errorMessage(error), { kind: 'error' });
      }
    },
  });
  fill(null);
  name.focus();
}
