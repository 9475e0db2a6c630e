--[[
  Applies one metric lane's part of a batch, all or nothing. Every key shares the lane's
  hash tag (one Redis Cluster slot; keys.ts).

  KEYS[1..S]    strings to compare-and-set: ticket contributions and requester contact
                lists
  KEYS[S+1..]   the bucket and gauge hashes to change
  ARGV[1]       S
  then per string: the value read ("" when none), the new value ("" to delete), its
                time to live in ms ("0": none, "-1": keep the one it has)
  then per hash: its expiry (epoch ms, "0" for none) and a JSON object of field to
                integer increment (one argument per hash: far cheaper to send than pairs)

  Returns {} when applied, or the 1-based indexes of the strings that changed since they
  were read: then nothing was written, and the caller reads them again.
]]
local s = tonumber(ARGV[1])
local conflicts = {}
for i = 1, s do
  if (redis.call('GET', KEYS[i]) or '') ~= ARGV[2 + (i - 1) * 3] then
    conflicts[#conflicts + 1] = i
  end
end
if #conflicts > 0 then
  return conflicts
end
for i = 1, s do
  local base = 1 + (i - 1) * 3
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
local a = 1 + s * 3 + 1
for k = s + 1, #KEYS do
  local expireAt = tonumber(ARGV[a])
  for field, delta in pairs(cjson.decode(ARGV[a + 1])) do
    -- A counter back at zero is removed: the hashes hold only what is non-zero.
    if redis.call('HINCRBY', KEYS[k], field, string.format('%d', delta)) == 0 then
      redis.call('HDEL', KEYS[k], field)
    end
  end
  a = a + 2
  -- A bucket's expiry depends on its time only: set once, when the bucket is new. Set
  -- again on every batch it would be one more write for Redis and for its replicas.
  if expireAt > 0 and redis.call('PTTL', KEYS[k]) == -1 then
    redis.call('PEXPIREAT', KEYS[k], expireAt)
  end
end
return {}
