'use strict';
// SQLite persistence (better-sqlite3, synchronous by design): the seed's UserRepository,
// RoomService and MessageService data access, on one file that several instances may share.
const Database = require('better-sqlite3');

function openDatabase(path) {
  const db = new Database(path);

  // WAL, as a Node developer would set for a server: readers never block the writer, and two
  // processes can share the file (writers take turns; better-sqlite3's default busy timeout of
  // 5 s makes one wait for the other instead of failing).
  db.pragma('journal_mode = WAL');
  // Durability: better-sqlite3 is compiled with SQLITE_DEFAULT_WAL_SYNCHRONOUS=1, so a
  // connection that opens a WAL database runs synchronous=NORMAL. (Only the connection that
  // first switches a new file to WAL would keep FULL; we state NORMAL so every run and every
  // instance gets that same default.) NORMAL in WAL mode fsyncs at checkpoints, not at each
  // commit: a committed message survives a crash of this process, but the last commits can be
  // lost if the machine loses power or the OS crashes. Parley runs synchronous=FULL and
  // fsyncs every commit before it acknowledges a message, which costs more per send.
  db.pragma('synchronous = NORMAL');
  // Everything else stays at better-sqlite3's defaults (foreign keys on, 16 MB page cache).

  db.exec(`
    CREATE TABLE IF NOT EXISTS users (
      id          INTEGER PRIMARY KEY,
      username    TEXT NOT NULL,
      avatar_url  TEXT,
      is_online   INTEGER NOT NULL DEFAULT 0,
      last_seen   TEXT,
      created_at  TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS rooms (
      id          INTEGER PRIMARY KEY,
      name        TEXT NOT NULL,
      is_private  INTEGER NOT NULL DEFAULT 0,
      created_by  INTEGER REFERENCES users(id),
      created_at  TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS room_members (
      room_id     INTEGER NOT NULL REFERENCES rooms(id),
      user_id     INTEGER NOT NULL REFERENCES users(id),
      joined_at   TEXT NOT NULL,
      PRIMARY KEY (room_id, user_id)
    );
    CREATE INDEX IF NOT EXISTS room_members_by_user ON room_members (user_id);
    CREATE TABLE IF NOT EXISTS messages (
      id            INTEGER PRIMARY KEY,
      room_id       INTEGER NOT NULL REFERENCES rooms(id),
      user_id       INTEGER NOT NULL REFERENCES users(id),
      content       TEXT NOT NULL,
      message_type  TEXT NOT NULL DEFAULT 'text',
      created_at    TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS messages_by_room ON messages (room_id, id);
    CREATE TABLE IF NOT EXISTS read_receipts (
      message_id  INTEGER NOT NULL REFERENCES messages(id),
      user_id     INTEGER NOT NULL REFERENCES users(id),
      read_at     TEXT NOT NULL,
      PRIMARY KEY (message_id, user_id)
    );
  `);

  const stmt = {
    upsertUser: db.prepare(`
      INSERT INTO users (id, username, created_at) VALUES (?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET username = excluded.username
      RETURNING id, username, avatar_url AS avatarUrl`),
    setOnline: db.prepare('UPDATE users SET is_online = ?, last_seen = ? WHERE id = ?'),
    userRooms: db.prepare(`
      SELECT r.id, r.name FROM rooms r JOIN room_members m ON m.room_id = r.id
      WHERE m.user_id = ? ORDER BY r.id`),
    createRoomIfMissing: db.prepare(`
      INSERT INTO rooms (id, name, created_by, created_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (id) DO NOTHING`),
    room: db.prepare('SELECT id, name, is_private AS isPrivate FROM rooms WHERE id = ?'),
    addMember: db.prepare(`
      INSERT INTO room_members (room_id, user_id, joined_at) VALUES (?, ?, ?)
      ON CONFLICT DO NOTHING`),
    removeMember: db.prepare('DELETE FROM room_members WHERE room_id = ? AND user_id = ?'),
    isMember: db.prepare('SELECT 1 FROM room_members WHERE room_id = ? AND user_id = ?').pluck(),
    insertMessage: db.prepare(`
      INSERT INTO messages (room_id, user_id, content, message_type, created_at)
      VALUES (?, ?, ?, ?, ?)`),
    readableMessage: db.prepare(`
      SELECT m.room_id FROM messages m
      JOIN room_members rm ON rm.room_id = m.room_id AND rm.user_id = ?
      WHERE m.id = ?`).pluck(),
    insertReceipt: db.prepare(`
      INSERT INTO read_receipts (message_id, user_id, read_at) VALUES (?, ?, ?)
      ON CONFLICT DO NOTHING`),
  };

  const now = () => new Date().toISOString();

  const markRead = db.transaction((messageIds, userId) => {
    const readAt = now();
    const receipts = [];
    for (const messageId of messageIds) {
      const roomId = stmt.readableMessage.get(userId, messageId);
      if (roomId === undefined) continue; // unknown message, or a room the reader is not in
      stmt.insertReceipt.run(messageId, userId, readAt);
      receipts.push({ messageId, roomId, userId, readAt });
    }
    return receipts;
  });

  return {
    close: () => db.close(),
    synchronous: () => db.pragma('synchronous', { simple: true }),

    users: {
      // Bench shortcut: the JWT is the identity; the user row is created on first connect.
      upsert: (id, username) => stmt.upsertUser.get(id, username, now()),
      updateOnlineStatus: (id, online) => { stmt.setOnline.run(online ? 1 : 0, now(), id); },
    },

    rooms: {
      getUserRooms: (userId) => stmt.userRooms.all(userId),
      // Bench shortcut: joining a room that does not exist creates it (public).
      canUserJoinRoom: (userId, roomId) => {
        stmt.createRoomIfMissing.run(roomId, `room-${roomId}`, userId, now());
        const room = stmt.room.get(roomId);
        return room !== undefined && !room.isPrivate;
      },
      addUserToRoom: (roomId, userId) => { stmt.addMember.run(roomId, userId, now()); },
      removeUserFromRoom: (roomId, userId) => { stmt.removeMember.run(roomId, userId); },
      isUserInRoom: (userId, roomId) => stmt.isMember.get(roomId, userId) === 1,
    },

    messages: {
      create: ({ roomId, userId, content, messageType }) => {
        const createdAt = now();
        const { lastInsertRowid } = stmt.insertMessage.run(roomId, userId, content, messageType, createdAt);
        return { id: Number(lastInsertRowid), roomId, userId, content, messageType, createdAt };
      },
      markMessagesAsRead: (messageIds, userId) => markRead(messageIds, userId),
    },
  };
}

module.exports = { openDatabase };
