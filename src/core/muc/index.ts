// Multi-user chat (XEP-0045), one concern a file.
export * from './types.js';
export * from './codes.js';
export * from './admin.js';
export * from './config.js';
export { MucRoom } from './room.js';
export { MucRooms } from './shared.js';
export { listRooms, type RoomListing } from './rooms.js';
