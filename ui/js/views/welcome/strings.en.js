/** English texts of the welcome screen and the new-community form. */
export default {
  'welcome.title': 'Welcome to Hearth',
  'welcome.intro':
    'Hearth helps you build and run a professional community: its charter, a four-stage plan, members, events and metrics.',
  'welcome.local': 'Everything stays on this computer and works without a network.',
  'welcome.createTitle': 'New community',
  'welcome.createIntro': 'Give it a name and choose the plan template; you can fill in the charter right after.',
  'welcome.nameLabel': 'Community name',
  'welcome.namePlaceholder': 'e.g. Rust Meetup Berlin',
  'welcome.templateLegend': 'Plan template language',
  'welcome.templateHint': 'The four stages of the plan and their tasks are created in this language.',
  'welcome.launchLabel': 'Target launch date',
  'welcome.launchHint': 'Optional. Tasks get due dates counted from it; you can change or clear them.',
  'error.field.launchDate.invalid_format': 'Enter a real date',
  'welcome.create': 'Create community',
  'welcome.creating': 'Creating…',
  'welcome.cancel': 'Cancel',
  'welcome.or': 'or',
  'welcome.demo': 'Open the sample community',
  'welcome.demoHint': 'A filled-in example to look around. You can delete it later.',
  'welcome.languageLabel': 'Interface language',
};
