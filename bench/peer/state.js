'use strict';
// The seed's PresenceService and TypingService: short-lived state in Redis, shared by every
// instance. Keys are the seed's, behind an optional prefix so bench runs do not collide.

const PRESENCE_TTL = 300; // seconds (5 minutes), as in the seed
const TYPING_TTL = 5; // seconds, as in the seed

class PresenceService {
  constructor(redis, users, prefix = '') {
    this.redis = redis;
    this.users = users;
    this.presencePrefix = `${prefix}presence:`;
    this.onlineUsersSet = `${prefix}online_users`;
  }

  async setUserOnline(userId) {
    await this.redis.setEx(`${this.presencePrefix}${userId}`, PRESENCE_TTL, JSON.stringify({
      status: 'online',
      lastSeen: new Date().toISOString(),
    }));
    await this.redis.sAdd(this.onlineUsersSet, String(userId));
    this.users.updateOnlineStatus(userId, true);
  }

  // As in the seed: one closing tab marks the user offline even if another is still open.
  async setUserOffline(userId) {
    await this.redis.del(`${this.presencePrefix}${userId}`);
    await this.redis.sRem(this.onlineUsersSet, String(userId));
    this.users.updateOnlineStatus(userId, false);
  }

  async setUserStatus(userId, status) {
    await this.redis.setEx(`${this.presencePrefix}${userId}`, PRESENCE_TTL, JSON.stringify({
      status,
      lastSeen: new Date().toISOString(),
    }));
  }

  async refreshUserPresence(userId) {
    await this.redis.expire(`${this.presencePrefix}${userId}`, PRESENCE_TTL);
  }

  async getOnlineUsers() {
    return this.redis.sMembers(this.onlineUsersSet);
  }
}

class TypingService {
  constructor(redis, prefix = '') {
    this.redis = redis;
    this.typingPrefix = `${prefix}typing:`;
  }

  async addTypingUser(roomId, userId) {
    const key = `${this.typingPrefix}${roomId}`;
    await this.redis.sAdd(key, String(userId));
    await this.redis.expire(key, TYPING_TTL);
  }

  async removeTypingUser(roomId, userId) {
    await this.redis.sRem(`${this.typingPrefix}${roomId}`, String(userId));
  }

  async getTypingUsers(roomId) {
    return this.redis.sMembers(`${this.typingPrefix}${roomId}`);
  }
}

module.exports = { PresenceService, TypingService };
