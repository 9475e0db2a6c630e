--[[
  Saves a ticket's record unless someone changed it since it was read (optimistic
  concurrency: two trackers during a rebalance, or a tracker and an alerter).

  The record is one string, `<version>|<body>`: a string of a few hundred bytes costs
  Redis about half what a hash with a long field does (see bench/RESULTS.md).

  KEYS[1]  the ticket's record (string)
  ARGV[1]  the version read ("0" when the record did not exist)
  ARGV[2]  the body: JSON [next timer or null, alert marks, compact history]
  ARGV[3]  time to live in ms, "0" to keep the record (open tickets)

  Returns the new version (>= 1), or -1 when the version changed meanwhile: nothing was
  written, and the caller reads the record again and retries.
]]
local head = redis.call('GETRANGE', KEYS[1], 0, 19)
local current = tonumber(string.match(head, '^(%d+)|') or '0')
if current ~= tonumber(ARGV[1]) then
  return -1
end
local version = current + 1
-- SET without PX drops any TTL: a reopened ticket is kept again.
if tonumber(ARGV[3]) > 0 then
  redis.call('SET', KEYS[1], version .. '|' .. ARGV[2], 'PX', ARGV[3])
else
  redis.call('SET', KEYS[1], version .. '|' .. ARGV[2])
end
return version
