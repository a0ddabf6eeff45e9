-- Appended to wrk_report.lua: counts status codes, X-Page-Cache and X-Cache-Status values, and can vary the
-- request. Arguments after `--`: mode, a file of paths, a word unique to this run, the number
-- of threads.
--   mode  "same": the URL given to wrk every time (no request() work beyond formatting)
--         "rotate": the paths in the file, in turn
--         "bust": the paths in turn, each with a query parameter never seen before (the
--                 run's word, the thread, a counter), so the page cache misses every time
--         "mix": as rotate, but one request in ten busts the cache

function init(args)
    statuses = {}
    cache = {}
    edge = {}
    sent = 0
    mode = args[1] or "same"
    run = args[3] or tostring(os.time())
    local threads = tonumber(args[4]) or 1
    paths = {}
    if args[2] then
        for line in io.lines(args[2]) do
            if line ~= "" then
                table.insert(paths, line)
            end
        end
    end
    if #paths == 0 then
        mode = "same"
    end
    -- Each thread walks its own share of the list, so no two ask for the same address.
    offset = math.floor((id - 1) * #paths / threads)
end

function request()
    sent = sent + 1
    if mode == "same" then
        return wrk.format(nil, nil)
    end
    local path = paths[(offset + sent - 1) % #paths + 1]
    if mode == "bust" or (mode == "mix" and sent % 10 == 0) then
        local sep = string.find(path, "?", 1, true) and "&" or "?"
        path = path .. sep .. "nocache=" .. run .. "-" .. id .. "-" .. sent
    end
    return wrk.format(nil, path)
end

function response(status, headers, body)
    statuses[status] = (statuses[status] or 0) + 1
    local page_cache = headers["X-Page-Cache"] or "none"
    cache[page_cache] = (cache[page_cache] or 0) + 1
    -- nginx's own cache (deploy/nginx.conf.template): HIT, MISS, STALE, UPDATING, BYPASS...
    local at_edge = headers["X-Cache-Status"] or "none"
    edge[at_edge] = (edge[at_edge] or 0) + 1
end
