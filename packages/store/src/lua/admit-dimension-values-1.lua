--[[
  Admits values of undeclared metric dimensions under a cap per dimension: the first
  values seen are kept for good, later new ones refused (the caller counts them as
  `other`). Every key shares the `{<prefix>:m}` hash tag (one Redis Cluster slot).

  KEYS[1..D]  one set per dimension asked about: the values it has kept
  ARGV[1]     the cap: most values a set may keep
  ARGV[2..]   the values asked about, each "<key index>\n<value>" (1-based into KEYS)

  Returns, per value asked about in order, 1 when kept (already, or now) and 0 when
  refused.
]]
local cap = tonumber(ARGV[1])
local out = {}
for i = 2, #ARGV do
  local nl = string.find(ARGV[i], '\n', 1, true)
  local key = KEYS[tonumber(string.sub(ARGV[i], 1, nl - 1))]
  local value = string.sub(ARGV[i], nl + 1)
  if redis.call('SISMEMBER', key, value) == 1 then
    out[#out + 1] = 1
  elseif redis.call('SCARD', key) < cap then
    redis.call('SADD', key, value)
    out[#out + 1] = 1
  else
    out[#out + 1] = 0
  end
end
return out
