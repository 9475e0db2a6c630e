--[[
  Sets tickets' next timer instants in the due set, and says whether the earliest instant
  moved earlier: then, and only then, the caller must add a wake-up job for it (the
  alerter adds the one after each check, so one pending job covers the whole set).

  KEYS[1]  the due set (sorted set: member ticket id, score = instant in epoch ms)
  ARGV     pairs: ticket id, instant ("" removes the ticket's timer)

  Returns the new earliest instant when it is earlier than before (or the set was empty),
  otherwise nil.
]]
local before = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')[2]
for i = 1, #ARGV, 2 do
  if ARGV[i + 1] == '' then
    redis.call('ZREM', KEYS[1], ARGV[i])
  else
    redis.call('ZADD', KEYS[1], ARGV[i + 1], ARGV[i])
  end
end
local after = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')[2]
if after and (not before or tonumber(after) < tonumber(before)) then
  return after
end
return false
