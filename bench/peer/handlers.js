'use strict';
// The seed's SocketHandlers, event for event. Where the seed shows no code (leave-room,
// update-presence) the handler follows the seed's event table and its other handlers.

const MAX_CONTENT = 4000; // characters, the same cap Parley applies
const PRESENCE_STATUSES = new Set(['online', 'away', 'busy']);

// Room ids arrive as numbers (or numeric strings from a loosely typed client).
function roomIdOf(value) {
  const id = typeof value === 'string' ? Number(value) : value;
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

function reply(callback, response) {
  if (typeof callback === 'function') callback(response);
}

class SocketHandlers {
  constructor({ rooms, messages, presence, typing }) {
    this.rooms = rooms;
    this.messages = messages;
    this.presence = presence;
    this.typing = typing;
  }

  async handleUserConnect(socket) {
    await this.presence.setUserOnline(socket.userId);

    for (const room of this.rooms.getUserRooms(socket.userId)) {
      socket.join(`room:${room.id}`);
      socket.to(`room:${room.id}`).emit('user-online', {
        userId: socket.userId,
        username: socket.user.username,
      });
    }

    socket.emit('online-users', await this.presence.getOnlineUsers());
  }

  async handleJoinRoom(socket, rawRoomId, callback) {
    try {
      const roomId = roomIdOf(rawRoomId);
      if (roomId === null) return reply(callback, { success: false, error: 'Invalid room id' });

      if (!this.rooms.canUserJoinRoom(socket.userId, roomId)) {
        return reply(callback, { success: false, error: 'Cannot join this room' });
      }

      socket.join(`room:${roomId}`);
      this.rooms.addUserToRoom(roomId, socket.userId);

      socket.to(`room:${roomId}`).emit('user-joined', {
        roomId,
        user: { id: socket.userId, username: socket.user.username, avatarUrl: socket.user.avatarUrl },
      });

      reply(callback, { success: true });
    } catch (error) {
      console.error('Join room error:', error);
      reply(callback, { success: false, error: 'Failed to join room' });
    }
  }

  async handleLeaveRoom(socket, rawRoomId, callback) {
    try {
      const roomId = roomIdOf(rawRoomId);
      if (roomId === null) return reply(callback, { success: false, error: 'Invalid room id' });

      socket.leave(`room:${roomId}`);
      this.rooms.removeUserFromRoom(roomId, socket.userId);
      await this.typing.removeTypingUser(roomId, socket.userId);

      socket.to(`room:${roomId}`).emit('user-left', { roomId, userId: socket.userId });

      reply(callback, { success: true });
    } catch (error) {
      console.error('Leave room error:', error);
      reply(callback, { success: false, error: 'Failed to leave room' });
    }
  }

  async handleSendMessage(socket, data, callback) {
    try {
      const roomId = roomIdOf(data && data.roomId);
      const content = data && data.content;
      if (roomId === null) return reply(callback, { success: false, error: 'Invalid room id' });
      if (typeof content !== 'string' || content.trim() === '' || content.length > MAX_CONTENT) {
        return reply(callback, { success: false, error: 'Invalid content' });
      }

      if (!this.rooms.isUserInRoom(socket.userId, roomId)) {
        return reply(callback, { success: false, error: 'Not a room member' });
      }

      const stored = this.messages.create({
        roomId,
        userId: socket.userId,
        content,
        messageType: data.messageType || 'text',
      });
      const message = {
        id: stored.id,
        roomId,
        userId: socket.userId,
        username: socket.user.username,
        content: stored.content,
        createdAt: stored.createdAt,
      };

      socket.to(`room:${roomId}`).emit('new-message', message);

      await this.typing.removeTypingUser(roomId, socket.userId);
      socket.to(`room:${roomId}`).emit('user-stopped-typing', { roomId, userId: socket.userId });

      reply(callback, { success: true, message });
    } catch (error) {
      console.error('Send message error:', error);
      reply(callback, { success: false, error: 'Failed to send message' });
    }
  }

  async handleTypingStart(socket, rawRoomId) {
    const roomId = roomIdOf(rawRoomId);
    if (roomId === null) return;

    await this.typing.addTypingUser(roomId, socket.userId);
    socket.to(`room:${roomId}`).emit('user-typing', {
      roomId,
      userId: socket.userId,
      username: socket.user.username,
    });

    // As in the seed: every typing-start schedules its own stop 5 s later.
    setTimeout(() => {
      this.handleTypingStop(socket, roomId).catch((error) => console.error('Typing stop error:', error));
    }, 5000);
  }

  async handleTypingStop(socket, rawRoomId) {
    const roomId = roomIdOf(rawRoomId);
    if (roomId === null) return;

    await this.typing.removeTypingUser(roomId, socket.userId);
    socket.to(`room:${roomId}`).emit('user-stopped-typing', { roomId, userId: socket.userId });
  }

  async handleMarkRead(socket, messageIds, callback) {
    try {
      if (!Array.isArray(messageIds) || messageIds.length > 500) {
        return reply(callback, { success: false, error: 'Invalid message ids' });
      }
      const ids = messageIds.map(Number).filter((id) => Number.isSafeInteger(id) && id > 0);
      const readReceipts = this.messages.markMessagesAsRead(ids, socket.userId);

      const roomIds = [...new Set(readReceipts.map((r) => r.roomId))];
      for (const roomId of roomIds) {
        socket.to(`room:${roomId}`).emit('messages-read', {
          userId: socket.userId,
          messageIds: readReceipts.filter((r) => r.roomId === roomId).map((r) => r.messageId),
        });
      }

      reply(callback, { success: true, data: readReceipts });
    } catch (error) {
      console.error('Mark read error:', error);
      reply(callback, { success: false, error: 'Failed to mark messages as read' });
    }
  }

  // update-presence → presence-update (the seed's event table): status stored in Redis with
  // the presence TTL, announced to every room of the user.
  async handleUpdatePresence(socket, data, callback) {
    try {
      const status = typeof data === 'string' ? data : data && data.status;
      if (!PRESENCE_STATUSES.has(status)) {
        return reply(callback, { success: false, error: 'Invalid status' });
      }

      await this.presence.setUserStatus(socket.userId, status);
      for (const room of this.rooms.getUserRooms(socket.userId)) {
        socket.to(`room:${room.id}`).emit('presence-update', { userId: socket.userId, status });
      }

      reply(callback, { success: true });
    } catch (error) {
      console.error('Update presence error:', error);
      reply(callback, { success: false, error: 'Failed to update presence' });
    }
  }

  async handleDisconnect(socket) {
    await this.presence.setUserOffline(socket.userId);

    for (const room of this.rooms.getUserRooms(socket.userId)) {
      await this.typing.removeTypingUser(room.id, socket.userId);
      socket.to(`room:${room.id}`).emit('user-stopped-typing', { roomId: room.id, userId: socket.userId });
      socket.to(`room:${room.id}`).emit('user-offline', { userId: socket.userId });
    }
  }
}

module.exports = { SocketHandlers };
