/** English: XEP-0402 bookmarks, in the roster's Rooms section and a signed-in user's room (they load with them). */
export const enBookmarks = {
  'bookmarks.title': 'Rooms',
  'bookmarks.remove': 'Remove',
  'bookmarks.remove-label': 'Remove the bookmark of {room}',
  'room.bookmark': 'Bookmark',
  'room.unbookmark': 'Remove bookmark',
} as const;
