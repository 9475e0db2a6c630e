--[[
  Saves tickets' records, each unless someone changed it since it was read (optimistic
  concurrency: two trackers during a rebalance, or a tracker and an alerter). On one Redis
  a call saves a batch's records; on a cluster, where each record is a slot of its own,
  a call saves one (scripts.ts: saveTicketV2).

  A record is one string, `<version>|<body>`: a string of a few hundred bytes costs Redis
  about half what a hash with a long field does (see bench/RESULTS.md).

  KEYS     the tickets' records (strings)
  ARGV     for each key in order: the version read ("0" when the record did not exist),
           the body (JSON [next timer or null, alert marks, compact history]), and the
           time to live in ms ("0" to keep the record: open tickets)

  Returns each record's new version (>= 1), or -1 where the version changed meanwhile
  (that record was not written; the caller reads it again and retries).
]]
local saved = {}
for i, key in ipairs(KEYS) do
  local head = redis.call('GETRANGE', key, 0, 19)
  local current = tonumber(string.match(head, '^(%d+)|') or '0')
  if current ~= tonumber(ARGV[3 * i - 2]) then
    saved[i] = -1
  else
    local version = current + 1
    local ttl = tonumber(ARGV[3 * i])
    -- SET without PX drops any TTL: a reopened ticket is kept again.
    if ttl > 0 then
      redis.call('SET', key, version .. '|' .. ARGV[3 * i - 1], 'PX', ttl)
    else
      redis.call('SET', key, version .. '|' .. ARGV[3 * i - 1])
    end
    saved[i] = version
  end
end
return saved
