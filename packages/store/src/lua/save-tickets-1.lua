--[[
  Saves several tickets' records at once, each as save-ticket-1.lua saves one: unless
  someone changed it since it was read. Only on one Redis: on a cluster the records are
  in as many slots, and each is saved on its own.

  KEYS     the tickets' records (strings)
  ARGV     for each key in order: the version read ("0" when the record did not exist),
           the body, and the time to live in ms ("0" to keep the record)

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
