/**
 * A field that finds a member of the roster as you type (components/combobox.js over core's
 * owner search), for a task's owner and for "Which member are you?". It keeps which member
 * was picked: typing anything but that member's name afterwards lets go of them, so what
 * the field shows and the member it stands for never disagree.
 */

import { planOwnerSearch } from '../../api/plan.js';
import { combobox } from '../../components/combobox.js';
import { t } from '../../i18n/index.js';

/** @typedef {{id: number, name: string}} PickedMember */

/**
 * @param {object} options
 * @param {number} options.communityId
 * @param {string} options.id  the input's id and test id.
 * @param {PickedMember|null} options.member  the member the field starts with.
 * @param {string} [options.text]  the text it starts with when no member (a typed owner).
 * @param {(member: PickedMember|null) => void} [options.onChange]  the member it stands for changed.
 */
export function memberPicker({ communityId, id, member, text = '', onChange }) {
  /** @type {PickedMember|null} */
  let picked = member;
  const box = combobox({
    id,
    testid: id,
    listLabel: t('plan.owner.list'),
    emptyText: (query) => t('plan.owner.none', { query }),
    search: (query) => planOwnerSearch(communityId, query),
    label: (candidate) => candidate.name,
    detail: (candidate) => [candidate.company, candidate.email].filter(Boolean).join(' · '),
    value: (candidate) => candidate.name,
    onPick: (candidate) => choose({ id: candidate.id, name: candidate.name }),
  });
  box.element.classList.add('member-picker');
  box.input.value = member?.name ?? text;
  box.input.addEventListener('input', () => {
    if (picked && box.input.value !== picked.name) choose(null);
  });

  /** @param {PickedMember|null} next */
  function choose(next) {
    picked = next;
    onChange?.(picked);
  }

  return {
    element: box.element,
    input: box.input,
    /** @returns {PickedMember|null} the member the field stands for now. */
    member: () => picked,
    /** Puts a member in the field, as if picked from the list. @param {PickedMember} next */
    set(next) {
      box.input.value = next.name;
      choose(next);
      box.input.dispatchEvent(new Event('change', { bubbles: true }));
    },
  };
}
