--[[
  Writes delivery records (notifications/notification-log.ts), all in the notifications'
  hash slot.

  KEYS[1]     the capped log of deliveries (sorted set)
  KEYS[2..]   each record's ticket alerts (hash)
  ARGV[1]     how many deliveries the log keeps
  ARGV[2]     the tickets' lifetime in ms
  ARGV[3]     the instant (the log's score)
  then per record: its field in the ticket's hash, its JSON, and "1" when it goes in the
              log ("0" for a retry)
]]
local keep, ttl, now = tonumber(ARGV[1]), ARGV[2], ARGV[3]
local logged = false
for i = 2, #KEYS do
  local a = 4 + (i - 2) * 3
  redis.call('HSET', KEYS[i], ARGV[a], ARGV[a + 1])
  redis.call('PEXPIRE', KEYS[i], ttl)
  if ARGV[a + 2] == '1' then
    redis.call('ZADD', KEYS[1], now, ARGV[a + 1])
    logged = true
  end
end
if logged then
  redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -keep - 1)
end
return #KEYS - 1
