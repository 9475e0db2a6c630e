--[[
  Claims notifications for a job (notifications/delivery-claims.ts): each key (KEYS, one
  per notification, all in the notifications' hash slot) is set to ARGV[1] for ARGV[2] ms
  unless it has an owner. Returns each key's owner before the call ('' for none).
]]
local before = {}
for i, key in ipairs(KEYS) do
  local owner = redis.call('GET', key)
  if owner then
    before[i] = owner
  else
    redis.call('SET', key, ARGV[1], 'PX', ARGV[2])
    before[i] = ''
  end
end
return before
