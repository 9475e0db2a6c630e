--[[
  Applies one metric lane's part of a batch, all or nothing. Every key shares the lane's
  hash tag (one Redis Cluster slot; keys.ts).

  KEYS[1..S]        strings to compare-and-set: ticket contributions and requester
                    contact lists
  KEYS[S+1..S+H]    the bucket and gauge hashes to change
  KEYS[S+H+1..]     the sorted sets of tickets behind the counts to change (drill-down)
  ARGV[1], ARGV[2]  S, H
  then per string: the value read ("" when none), the new value ("" to delete), its
                time to live in ms ("0": none, "-1": keep the one it has)
  then one argument for all H hashes: a JSON array of [expiry, changes] in the keys'
                order, the expiry in epoch ms (0 for none) and the changes a JSON
                object of field to integer increment
  then per sorted set: a JSON object of member to score, -1 to remove (removals first;
                an added member keeps the score it has, ZADD NX)

  Version 2 added the sorted sets (version 1 had no H and none of them); version 3 takes
  the hashes in one argument (version 2 took two per hash): the client builds it as one
  string, where an argument per hash made a tree of string pieces per batch to flatten.

  Returns {} when applied, or the 1-based indexes of the strings that changed since they
  were read: then nothing was written, and the caller reads them again.
]]
local s, h = tonumber(ARGV[1]), tonumber(ARGV[2])
local conflicts = {}
for i = 1, s do
  if (redis.call('GET', KEYS[i]) or '') ~= ARGV[3 + (i - 1) * 3] then
    conflicts[#conflicts + 1] = i
  end
end
if #conflicts > 0 then
  return conflicts
end
for i = 1, s do
  local base = 2 + (i - 1) * 3
  local value, ttl = ARGV[base + 2], tonumber(ARGV[base + 3])
  if value == '' then
    redis.call('DEL', KEYS[i])
  elseif ttl > 0 then
    redis.call('SET', KEYS[i], value, 'PX', ttl)
  elseif ttl < 0 then
    redis.call('SET', KEYS[i], value, 'KEEPTTL')
  else
    redis.call('SET', KEYS[i], value)
  end
end
local a = 2 + s * 3 + 1
local hashes = cjson.decode(ARGV[a])
a = a + 1
for k = 1, h do
  local key, expireAt, changes = KEYS[s + k], hashes[k][1], hashes[k][2]
  for field, delta in pairs(changes) do
    -- A counter back at zero is removed: the hashes hold only what is non-zero.
    if redis.call('HINCRBY', key, field, string.format('%d', delta)) == 0 then
      redis.call('HDEL', key, field)
    end
  end
  -- A bucket's expiry depends on its time only: set once, when the bucket is new. Set
  -- again on every batch it would be one more write for Redis and for its replicas.
  if expireAt > 0 and redis.call('PTTL', key) == -1 then
    redis.call('PEXPIREAT', key, string.format('%d', expireAt))
  end
end
for k = s + h + 1, #KEYS do
  local ops = cjson.decode(ARGV[a])
  a = a + 1
  for member, score in pairs(ops) do
    if score < 0 then
      redis.call('ZREM', KEYS[k], member)
    end
  end
  for member, score in pairs(ops) do
    if score >= 0 then
      redis.call('ZADD', KEYS[k], 'NX', score, member)
    end
  end
end
return {}
