/** English: the launcher's strings (they load with it). */
export const enLauncher = {
  'launcher.label': 'Chat',
  'launcher.close': 'Close chat',
  'launcher.unread': '{count} unread',
} as const;
