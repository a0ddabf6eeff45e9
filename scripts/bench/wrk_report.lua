-- Summary of a wrk run as one JSON line ("WRKSTATS {...}"), read by scripts/bench_http.py.
-- Alone, it adds no work per request; scripts/bench/wrk_count.lua adds the per-response
-- counts (status codes, X-Page-Cache) when appended to it.

local threads = {}
local next_id = 1

function setup(thread)
    thread:set("id", next_id)
    next_id = next_id + 1
    table.insert(threads, thread)
end

local function merge(into, name)
    for _, thread in ipairs(threads) do
        local counts = thread:get(name)
        if type(counts) == "table" then
            for key, value in pairs(counts) do
                key = tostring(key)
                into[key] = (into[key] or 0) + value
            end
        end
    end
end

local function json_counts(counts)
    local items = {}
    for key, value in pairs(counts) do
        table.insert(items, string.format('"%s":%d', key, value))
    end
    table.sort(items)
    return "{" .. table.concat(items, ",") .. "}"
end

function done(summary, latency, requests)
    local statuses, cache, edge = {}, {}, {}
    merge(statuses, "statuses")
    merge(cache, "cache")
    merge(edge, "edge")
    local e = summary.errors
    io.write(string.format(
        'WRKSTATS {"requests":%d,"duration_us":%d,"bytes":%d,'
            .. '"p50_us":%d,"p90_us":%d,"p95_us":%d,"p99_us":%d,"max_us":%d,'
            .. '"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,'
            .. '"statuses":%s,"cache":%s,"edge":%s}\n',
        summary.requests, summary.duration, summary.bytes,
        latency:percentile(50), latency:percentile(90), latency:percentile(95),
        latency:percentile(99), latency.max,
        e.connect, e.read, e.write, e.status, e.timeout,
        json_counts(statuses), json_counts(cache), json_counts(edge)))
end
