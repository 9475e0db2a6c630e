--[[
  Gives notifications to an owner (notifications/delivery-claims.ts): every key (KEYS) is
  set to ARGV[1] for ARGV[2] ms, whoever had it. Returns the number of keys.
]]
for _, key in ipairs(KEYS) do
  redis.call('SET', key, ARGV[1], 'PX', ARGV[2])
end
return #KEYS
