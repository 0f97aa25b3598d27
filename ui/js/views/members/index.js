/**
 * The Members section: the roster of the community, and one member's page.
 *
 * This module only wires the view's parts together: the roster (roster.js) fills the
 * section while it is shown; opening a member puts their page (member-page.js) in its place,
 * and Back returns to the roster as it was left (its query, scroll, selection and focus).
 * Members are added and edited in a dialog (member-dialog.js). The header bar holds the
 * section's primary action, Add member (Ctrl+N); Ctrl+F goes to the roster's search.
 *
 * Import, export, merge and forget (import.js, export.js, merge.js, forget.js) hook in
 * here: their buttons go into the header's actions, the roster's `importMembers` and
 * `bulkActions`, and the member page's `actions`.
 */

import './strings.js';
import { h, icon, replaceChildren, useStylesheet } from '../../dom.js';
import { errorMessage, t } from '../../i18n/index.js';
import { ICONS } from '../../components/icons.js';
import { showToast } from '../../components/toast.js';
import { createRoster } from './roster.js';
import { createMemberPage } from './member-page.js';
import { memberDialog } from './member-dialog.js';
import { importButton, listenForFileDrops, openImportWizard } from './import.js';
import { exportButton, openExportDialog } from './export.js';
import { mergeButton } from './merge.js';
import { personalDataActions } from './forget.js';
import { createInsights } from './insights.js';

// The view's look arrives with it; the module is ready once its stylesheet applies.
await useStylesheet('js/views/members/members.css');
await useStylesheet('js/views/members/members-import.css');

/** The view's shortcuts, declared once: buttons that do the same say so from here. */
const SHORTCUTS = Object.freeze({
  add: Object.freeze({ code: 'KeyN', keys: 'Control+N' }),
  search: Object.freeze({ code: 'KeyF', keys: 'Control+F' }),
});

/**
 * @param {import('../../main.js').ViewContext} ctx
 * @returns {import('../../main.js').ViewController}
 */
export function mount(ctx) {
  const communityId = ctx.community.id;
  /** @type {ReturnType<typeof createMemberPage>|null} */
  let page = null;

  const insights = createInsights(ctx, { open: openMember });
  const roster = createRoster(ctx, {
    open: openMember,
    add: addMember,
    above: insights.element,
    importMembers: () => importMembers(null),
    bulkActions: (selected, count) => [mergeButton(selected, count, { onMerged, toast: ctx.app.toast })],
  });

  const addButton = h(
    'button',
    {
      type: 'button',
      class: 'suggested',
      testid: 'members-add',
      title: t('members.addShortcut'),
      'aria-keyshortcuts': SHORTCUTS.add.keys,
      onclick: addMember,
    },
    icon(ICONS.add),
    h('span', {}, t('members.add')),
  );
  ctx.actions.append(importButton(() => importMembers(null)), exportButton(exportMembers), addButton);
  showRoster();
  listenForFileDrops({ signal: ctx.signal, open: importMembers }).catch(() => {});

  document.addEventListener('keydown', onShortcut, { signal: ctx.signal });

  /** @param {KeyboardEvent} event */
  function onShortcut(event) {
    if (document.querySelector('dialog[open]')) return;
    const command = (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey;
    if (!command) return;
    if (event.code === SHORTCUTS.add.code) {
      event.preventDefault();
      addMember();
    } else if (event.code === SHORTCUTS.search.code) {
      // Never the webview's own find bar: the roster's search is the one that finds members.
      event.preventDefault();
      if (page) showRoster();
      roster.focusSearch();
    }
  }

  function showRoster() {
    page = null;
    ctx.body.classList.add('page-wide', 'page-fill');
    replaceChildren(ctx.body, roster.element);
    // Core answers one call at a time: the rows first, the panels above them after.
    roster.start().then(() => insights.load(Boolean(roster.total())));
  }

  /** @param {number} id */
  function openMember(id) {
    roster.remember();
    const opened = createMemberPage(ctx, id, {
      back: () => {
        showRoster();
        roster.restoreFocus();
      },
      changed: () => {},
      actions: (member) =>
        personalDataActions(member, {
          toast: ctx.app.toast,
          // The member is gone: back to the roster, which no longer has them.
          onForgotten: () => {
            showRoster();
            roster.refresh();
          },
        }),
    });
    page = opened;
    ctx.body.classList.remove('page-fill');
    replaceChildren(ctx.body, opened.element);
    ctx.body.closest('.scroller')?.scrollTo(0, 0);
    opened.focus();
  }

  async function addMember() {
    const member = await memberDialog({
      communityId,
      member: null,
      onError: (error) => ctx.app.toast(errorMessage(error), { kind: 'error' }),
    });
    if (!member || ctx.signal.aborted) return;
    showToast(t('members.created', { name: member.name }), {
      action: { label: t('members.open'), run: () => openMember(member.id), testid: 'members-created-open' },
    });
    if (!page) roster.refresh();
  }

  /** Two members became one: the removed one leaves the selection and the rows. */
  function onMerged() {
    roster.clearSelection();
    roster.refresh();
  }

  /** @param {string|null} path  a file dropped on the window, or null to choose one. */
  function importMembers(path) {
    openImportWizard({
      communityId,
      path,
      onImported: () => {
        if (ctx.signal.aborted || page) return;
        roster.refresh();
        insights.load();
      },
    });
  }

  function exportMembers() {
    openExportDialog({ communityId, communityName: ctx.community.name, toast: ctx.app.toast });
  }

  return {
    // The member's page stays open, or the roster where it was scrolled to.
    refresh() {
      if (page) page.reload();
      else roster.refresh();
    },
    dispose() {
      ctx.body.classList.remove('page-wide', 'page-fill');
      for (const dialog of document.querySelectorAll('dialog.form-dialog')) dialog.remove();
    },
  };
}
