'use strict';
// Reference peer for Parley's benchmarks: the seed design's Socket.IO v4 chat server
// (JWT handshake, rooms, persisted messages with acks, typing, read receipts, presence in
// Redis, @socket.io/redis-adapter across instances). See README.md.
const http = require('node:http');
const { Server } = require('socket.io');
const { createAdapter } = require('@socket.io/redis-adapter');
const { createClient } = require('redis');
const jwt = require('jsonwebtoken');

const { openDatabase } = require('./db');
const { PresenceService, TypingService } = require('./state');
const { SocketHandlers } = require('./handlers');

const config = {
  port: Number(process.env.PORT || 3000),
  jwtSecret: process.env.JWT_SECRET,
  dbPath: process.env.DB_PATH || 'peer.db',
  redisUrl: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
  keyPrefix: process.env.KEY_PREFIX || '',
  frontendUrl: process.env.FRONTEND_URL,
};

if (!config.jwtSecret) {
  console.error('peer: JWT_SECRET is required');
  process.exit(1);
}

async function main() {
  const db = openDatabase(config.dbPath);

  const redis = createClient({ url: config.redisUrl });
  const pubClient = redis.duplicate();
  const subClient = redis.duplicate();
  for (const client of [redis, pubClient, subClient]) {
    client.on('error', (error) => console.error('Redis error:', error.message));
  }
  await Promise.all([redis.connect(), pubClient.connect(), subClient.connect()]);

  const presence = new PresenceService(redis, db.users, config.keyPrefix);
  const typing = new TypingService(redis, config.keyPrefix);
  const handlers = new SocketHandlers({ rooms: db.rooms, messages: db.messages, presence, typing });

  const httpServer = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      return res.end('ok');
    }
    if (req.method === 'GET' && req.url === '/bench/memory') {
      const gc = typeof global.gc === 'function';
      if (gc) global.gc();
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ ...process.memoryUsage(), gc }));
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });

  // The seed's server options.
  const io = new Server(httpServer, {
    cors: { origin: config.frontendUrl, credentials: true },
    transports: ['websocket', 'polling'],
    pingTimeout: 60000,
    pingInterval: 25000,
  });
  io.adapter(createAdapter(pubClient, subClient, { key: `${config.keyPrefix}socket.io` }));

  io.use((socket, next) => {
    try {
      const token = socket.handshake.auth && socket.handshake.auth.token;
      if (!token) return next(new Error('No token provided'));

      const payload = jwt.verify(token, config.jwtSecret, { algorithms: ['HS256'] });
      if (!Number.isSafeInteger(payload.userId) || typeof payload.username !== 'string') {
        return next(new Error('Authentication failed'));
      }
      // Bench shortcut: no sign-up flow, so the token's user is created on first connect.
      const user = db.users.upsert(payload.userId, payload.username);

      socket.userId = user.id;
      socket.user = user;
      next();
    } catch (error) {
      next(new Error('Authentication failed'));
    }
  });

  const logged = (what) => (error) => console.error(`${what} error:`, error);

  io.on('connection', (socket) => {
    handlers.handleUserConnect(socket).catch(logged('Connect'));

    socket.on('join-room', (roomId, callback) => handlers.handleJoinRoom(socket, roomId, callback));
    socket.on('leave-room', (roomId, callback) => handlers.handleLeaveRoom(socket, roomId, callback));
    socket.on('send-message', (data, callback) => handlers.handleSendMessage(socket, data, callback));
    socket.on('typing-start', (roomId) => handlers.handleTypingStart(socket, roomId).catch(logged('Typing start')));
    socket.on('typing-stop', (roomId) => handlers.handleTypingStop(socket, roomId).catch(logged('Typing stop')));
    socket.on('mark-read', (messageIds, callback) => handlers.handleMarkRead(socket, messageIds, callback));
    socket.on('update-presence', (data, callback) => handlers.handleUpdatePresence(socket, data, callback));
    socket.on('disconnect', () => handlers.handleDisconnect(socket).catch(logged('Disconnect')));
    socket.on('error', (error) => console.error(`Socket error for user ${socket.userId}:`, error));
  });

  await new Promise((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, '127.0.0.1', resolve);
  });
  console.log(`peer: listening on http://127.0.0.1:${httpServer.address().port}` +
    ` (db ${config.dbPath}, synchronous=${db.synchronous()}, redis ${config.redisUrl},` +
    ` key prefix "${config.keyPrefix}")`);

  let stopping = false;
  const stop = async (signal) => {
    if (stopping) return;
    stopping = true;
    console.log(`peer: ${signal}, closing`);
    await new Promise((resolve) => io.close(() => resolve()));
    await Promise.allSettled([redis.quit(), pubClient.quit(), subClient.quit()]);
    db.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error) => {
  console.error('peer: cannot start:', error);
  process.exit(1);
});
