/**
 * English texts. Keys are shared with ru.js; a test checks that both have the same set
 * and the same placeholders. Plural texts use the categories of Intl.PluralRules('en').
 */
export default {
  'app.name': 'Hearth',
  'app.loading': 'Loading…',
  'app.bootFailed': 'Hearth could not start',
  'app.retry': 'Try again',

  'language.system': 'System ({language})',

  'nav.label': 'Sections',
  'section.charter': 'Charter',
  'section.plan': 'Plan',
  'section.members': 'Members',
  'section.calendar': 'Calendar',
  'section.metrics': 'Metrics',
  'section.settings': 'Settings',

  'switcher.label': 'Community',
  'switcher.new': 'New community…',
  'sidebar.newCommunity': 'New community',

  'sample.label': 'Sample community',
  'sample.text': 'This is a sample community to look around. Your own work goes in a new community.',
  'sample.new': 'New community',

  'field.name': 'Name',
  'field.mission': 'Mission',
  'field.kind': 'Kind',
  'field.audiences': 'Audiences',
  'field.formats': 'Formats',
  'field.uniqueValue': 'Unique value',
  'field.expectedResults': 'Expected results',
  'field.rules': 'Rules and code of conduct',
  'field.timeZone': 'Time zone',
  'field.locale': 'Plan template language',
  'field.language': 'Language',
  'field.fileName': 'Backup file',
  'field.unknown': 'This field',

  'dialog.cancel': 'Cancel',
  'toast.close': 'Close',
  'date.none': 'No date',
  'date.clear': 'Clear',
  'date.clearLabel': 'Clear the field “{label}”',

  'close.title': 'Save changes before closing?',
  'close.body': {
    one: 'If you close without saving, this change is lost:',
    other: 'If you close without saving, these changes are lost:',
  },
  'close.discard': 'Close without saving',
  'close.save': 'Save',
  'close.item.charter': 'Charter of {name}',
  'close.item.task': 'Task “{title}”',
  'close.item.newTask': 'A new task',
  'close.item.platform': 'Platform “{name}”',
  'close.item.newPlatform': 'A new platform',

  'coming.notBuilt': 'This section is not built yet: it comes in a later version of Hearth.',
  'coming.metrics.title': 'Metrics',
  'coming.metrics.body':
    'How the community is doing against its goals: members, engagement, satisfaction and impact, computed from your data where possible.',

  'nav.overdueBadge': { one: '{count} overdue task', other: '{count} overdue tasks' },

  'recovery.title': 'The database was damaged',
  'recovery.body': 'Hearth set the damaged file aside and started with an empty database. The newest backup is from {date}.',
  'recovery.noBackups': 'Hearth set the damaged file aside and started with an empty database. There is no backup to restore.',
  'recovery.kept': 'The damaged file is kept at {path}',
  'recovery.restore': 'Restore the backup',
  'recovery.restoring': 'Restoring…',
  'recovery.dismiss': 'Dismiss',

  'error.rule.required': '{field} is required',
  'error.rule.too_long': {
    one: '{field} must be at most {count} character',
    other: '{field} must be at most {count} characters',
  },
  'error.rule.too_long_unspecified': '{field} is too long',
  'error.rule.unknown_value': '{field} has a value Hearth does not know',
  'error.rule.invalid_format': '{field} is not in the expected format',
  'error.rule.control_character': '{field} contains a hidden control character (often from copied text): type that part again',
  'error.field.timeZone.unknown_value': 'Unknown time zone',
  'error.field.timeZone.required': 'Choose a time zone',
  'error.field.fileName.invalid_format': 'This file is not a usable Hearth backup: it is damaged or was not written by Hearth.',
  'error.field.due.invalid_format': 'Enter a real date',
  'error.field.url.invalid_format': 'Enter a link that starts with http:// or https://',
  'error.field.url.required': 'Enter the link',
  'error.field.stage.unknown_value': 'This stage does not exist',
  'error.field.memberCount.invalid_format': 'Enter a whole number, 0 or more',
  'error.code.not_found': 'It is no longer there: it may have been deleted.',
  'error.code.invalid_input': 'Some of the data is not valid.',
  'error.code.conflict': 'This conflicts with something that already exists.',
  'error.code.corrupt': 'The data is damaged. Restoring a backup in Settings may help.',
  'error.code.io': 'Could not read or write a file.',
  'error.code.internal': 'Something went wrong inside Hearth.',
  'error.withDetail': '{message} ({detail})',
};
