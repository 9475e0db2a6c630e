--[[
  Takes or keeps a lease: KEYS[1] holds the holder's id with a time to live.
  ARGV[1] the caller's id, ARGV[2] the time to live in ms.
  Returns 1 when the caller holds the lease (now renewed), 0 when another does.
]]
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if not holder then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0
