/** English: desktop notifications' strings (they load with notify.ts, for elements with `notifications`). */
export const enNotify = {
  'notify.enable': 'Turn on desktop notifications',
} as const;
