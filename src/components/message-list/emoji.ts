/**
 * The fuller reaction picker's emoji, loaded on demand when "More emoji" is
 * pressed: faces, hands, hearts and everyday signs, as the usual pickers
 * start with. Each button is named by its emoji (screen readers read their names).
 */
export const MORE_EMOJI: readonly string[] = [
  '😀', '😃', '😄', '😁', '😆', '😅', '🤣', '🙂', '😉', '😊', '😇', '🥰',
  '😍', '🤩', '😘', '😋', '😜', '🤪', '🤔', '🤨', '😐', '😑', '😶', '🙄',
  '😏', '😬', '😌', '😴', '😷', '🤒', '🤯', '🥳', '😎', '🤓', '😕', '😟',
  '🙁', '😯', '😲', '😳', '🥺', '😭', '😱', '😤', '😡', '🤬', '💀', '🤡',
  '👋', '👌', '✌️', '🤞', '🤝', '👏', '🙌', '💪', '👀', '🧡', '💛', '💚',
  '💙', '💜', '🖤', '💔', '💯', '🔥', '✨', '🎉', '🎂', '🎁', '☕', '🍻',
  '✅', '❌', '❓', '❗', '⭐', '🚀', '💡', '📌',
];
