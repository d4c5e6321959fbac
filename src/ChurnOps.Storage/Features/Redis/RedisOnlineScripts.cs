namespace ChurnOps.Storage.Features.Redis;

/// <summary>
/// The Lua scripts of <see cref="RedisOnlineStore"/>. Each runs atomically on the server, so a lookup reads the view's
/// current generation and the entity's record in one round trip, and a switch of generation is one step that no reader
/// sees half-done. The generation keys are built from the pointer's prefix and share its hash tag (the view), so they
/// live in the pointer's slot.
/// </summary>
internal static class RedisOnlineScripts
{
    /// <summary>KEYS[1] pointer; ARGV[1] generation prefix, ARGV[2] entity. The record, or nil.</summary>
    public const string Read = """
        local g = redis.call('GET', KEYS[1])
        if not g then return false end
        return redis.call('HGET', ARGV[1] .. g, ARGV[2])
        """;

    /// <summary>KEYS[1] pointer; ARGV[1] generation prefix. Entities in the current generation.</summary>
    public const string Count = """
        local g = redis.call('GET', KEYS[1])
        if not g then return 0 end
        return redis.call('HLEN', ARGV[1] .. g)
        """;

    /// <summary>
    /// KEYS[1] pointer, KEYS[2] generation counter; ARGV[1] generation prefix, ARGV[2] TTL in ms (0: none), then
    /// entity/record pairs. Upserts into the current generation (starting one when the view has none); a record older
    /// than the stored one of the same version is ignored, a record of another version always wins. Byte order of the
    /// header's time field is time order, compared byte by byte (Lua's string &lt; follows the locale).
    /// </summary>
    public const string Upsert = """
        local g = redis.call('GET', KEYS[1])
        if not g then
          g = tostring(redis.call('INCR', KEYS[2]))
          redis.call('SET', KEYS[1], g)
        end
        local h = ARGV[1] .. g
        local function version(p)
          local n = string.byte(p, 10) * 256 + string.byte(p, 11)
          return string.sub(p, 12, 11 + n)
        end
        local function not_older(a, b)
          for k = 2, 9 do
            local x, y = string.byte(a, k), string.byte(b, k)
            if x ~= y then return x > y end
          end
          return true
        end
        for i = 3, #ARGV, 2 do
          local cur = redis.call('HGET', h, ARGV[i])
          if (not cur) or not_older(ARGV[i + 1], cur) or version(ARGV[i + 1]) ~= version(cur) then
            redis.call('HSET', h, ARGV[i], ARGV[i + 1])
          end
        end
        local ttl = tonumber(ARGV[2])
        if ttl > 0 then
          redis.call('PEXPIRE', h, ttl)
          redis.call('PEXPIRE', KEYS[1], ttl)
        end
        return g
        """;

    /// <summary>
    /// KEYS[1] pointer; ARGV[1] generation prefix, ARGV[2] the fully written generation, ARGV[3] TTL in ms (0: none).
    /// Points readers at the new generation and drops the old one (UNLINK frees it off the request path).
    /// </summary>
    public const string Switch = """
        local old = redis.call('GET', KEYS[1])
        redis.call('SET', KEYS[1], ARGV[2])
        local ttl = tonumber(ARGV[3])
        if ttl > 0 then
          redis.call('PEXPIRE', KEYS[1], ttl)
          redis.call('PEXPIRE', ARGV[1] .. ARGV[2], ttl)
        end
        if old and old ~= ARGV[2] then redis.call('UNLINK', ARGV[1] .. old) end
        return old
        """;
}
