/**
 * Exporting the community's members to a file the person chooses: a CSV table (with a byte
 * order mark for Excel, which otherwise shows Cyrillic as mojibake) or vCard 4.0 contacts
 * for a phone or an address book. Core writes the file (through a temporary file renamed into
 * place); the dialog only asks the format and where.
 */

import './strings.js';
import { memberExport, memberExportChooseFile } from '../../api/members.js';
import { formDialog } from '../../components/form-dialog.js';
import { h, icon } from '../../dom.js';
import { errorMessage, t } from '../../i18n/index.js';
import { exportFileName, fileNameOf, localIsoDate } from './import-model.js';
import { ICONS } from '../../components/icons.js';

/**
 * @param {object} options
 * @param {number} options.communityId
 * @param {string} options.communityName  names the file offered.
 * @param {number|null} [options.count]  members in the community, when the view knows it.
 * @param {(message: string, options?: {kind?: 'info'|'error'}) => void} options.toast
 * @returns {Promise<void>} settles when the dialog closes.
 */
export function openExportDialog({ communityId, communityName, count = null, toast }) {
  if (document.querySelector('dialog[open]')) return Promise.resolve();
  return new Promise((resolve) => {
    const radio = (value, testid) =>
      h('input', { type: 'radio', name: 'export-format', value, id: testid, testid, checked: value === 'csv', 'aria-describedby': `${testid}-hint` });
    const csv = radio('csv', 'export-csv');
    const vcard = radio('vcf', 'export-vcard');
    const bom = h('input', { type: 'checkbox', id: 'export-bom', testid: 'export-bom', 'aria-describedby': 'export-bom-hint' });
    const status = h('p', { class: 'field-error', role: 'alert', testid: 'export-error', hidden: true });
    const saveButton = h('button', { type: 'submit', class: 'suggested', testid: 'export-save' }, t('members.export.save'));
    const option = (input, label, hint) =>
      h(
        'div',
        { class: 'export-option' },
        h('label', { class: 'check', for: input.id }, input, h('span', {}, label)),
        h('p', { class: 'field-hint export-option-hint', id: `${input.id}-hint` }, hint),
      );
    const bomOption = h(
      'div',
      { class: 'export-option export-suboption' },
      h('label', { class: 'check', for: 'export-bom' }, bom, h('span', {}, t('members.export.bom'))),
      h('p', { class: 'field-hint export-option-hint', id: 'export-bom-hint' }, t('members.export.bomHint')),
    );
    const syncBom = () => {
      bom.disabled = !csv.checked;
    };
    const dialog = formDialog({
      testid: 'export-dialog',
      title: t('members.export.title'),
      body: h(
        'div',
        { class: 'dialog-fields' },
        h('p', { class: 'dialog-body' }, count === null ? t('members.export.bodyAll') : t('members.export.body', { count })),
        h(
          'fieldset',
          { class: 'field export-formats' },
          h('legend', { class: 'field-label' }, t('members.export.format')),
          option(csv, t('members.export.csv'), t('members.export.csvHint')),
          bomOption,
          option(vcard, t('members.export.vcard'), t('members.export.vcardHint')),
        ),
        status,
      ),
      buttons: [
        h('button', { type: 'button', testid: 'export-cancel', onclick: () => dialog.finish(null) }, t('dialog.cancel')),
        saveButton,
      ],
      oninput: syncBom,
      onsubmit: save,
      onclose: () => resolve(),
    });
    csv.focus();

    async function save() {
      status.hidden = true;
      const format = csv.checked ? 'csv' : 'vcf';
      const defaultName = exportFileName({ community: communityName, format, today: localIsoDate(new Date()), word: t('members.export.fileWord') });
      saveButton.disabled = true;
      try {
        const path = await memberExportChooseFile(defaultName, format);
        if (!path) return;
        const report = await memberExport(communityId, format, format === 'csv' && bom.checked, path);
        dialog.finish(report);
        toast(t('members.export.done', { count: report.members, file: fileNameOf(report.path) }));
      } catch (error) {
        status.textContent = errorMessage(error);
        status.hidden = false;
      } finally {
        saveButton.disabled = false;
      }
    }
  });
}


/**
 * The header bar's Export button.
 * @param {() => void} open  opens the export dialog.
 * @returns {HTMLButtonElement}
 */
export function exportButton(open) {
  return h(
    'button',
    { type: 'button', testid: 'members-export', title: t('members.export.openLabel'), onclick: open },
    icon(ICONS.export),
    h('span', {}, t('members.export.open')),
  );
}
