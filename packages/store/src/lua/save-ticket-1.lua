--[[
  Saves a ticket's record unless someone changed it since it was read (optimistic
  concurrency: two trackers during a rebalance, or a tracker and an alerter).

  KEYS[1]  the ticket's record (hash)
  ARGV[1]  the version read ("0" when the record did not exist)
  ARGV[2]  history: JSON array of compact events, in event-time order
  ARGV[3]  alert marks announced so far: JSON array of strings
  ARGV[4]  next timer instant in epoch ms, "" for none
  ARGV[5]  time to live in ms, "0" to keep the record (open tickets)

  Returns the new version (>= 1), or -1 when the version changed meanwhile: nothing was
  written, and the caller reads the record again and retries.
]]
local current = tonumber(redis.call('HGET', KEYS[1], 'v') or '0')
if current ~= tonumber(ARGV[1]) then
  return -1
end
redis.call('HSET', KEYS[1], 'v', current + 1, 'h', ARGV[2], 'm', ARGV[3], 'n', ARGV[4])
if tonumber(ARGV[5]) > 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[5])
else
  redis.call('PERSIST', KEYS[1])
end
return current + 1
