/** English texts of conflicts marked at their fields. */
export default {
  'conflicts.mark': 'Set differently on two computers. Choose the one to keep:',
  'conflicts.markRecord': 'Set differently on two computers: choose in the Charter’s Co-organizers section.',
  'conflicts.keep': 'Keep “{value}”',
  'conflicts.shownNow': 'Shown now',
  'conflicts.empty': 'empty',
  'conflicts.kept': 'Kept on every computer.',
};
