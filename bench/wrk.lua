-- The requests of one page for wrk, and a count of every status answered (`make bench`).
--
--   wrk -t2 -c10 -d5s -s bench/wrk.lua http://127.0.0.1:PORT -- SPEC THREADS
--
-- SPEC, written by bench/load.py, holds "key<TAB>value" lines: method, path, body, rows
-- and any number of header lines ("header<TAB>Name: value"). Without rows every request is
-- the same. With a rows file (tab-separated fields, one row per request) each request takes
-- the next row and {1}, {2}, ... in the path, the headers and the body become its fields:
-- a fresh learner, attempt or address per request; the threads share the rows out. A row
-- used a second time (the file ran out) is counted, so the report can say so.
-- done() prints one line, "BENCH-RESULT {json}", which bench/load.py reads.

local threads = {}

function setup(thread)
   thread:set("thread_number", #threads)
   table.insert(threads, thread)
end

local function fields(line)
   local row = {}
   for field in (line .. "\t"):gmatch("([^\t]*)\t") do
      table.insert(row, field)
   end
   return row
end

local function fill(text, row)
   return (text:gsub("{(%d+)}", function(i) return row[tonumber(i)] end))
end

function init(args)
   local spec = { headers = {} }
   for line in io.lines(args[1]) do
      local key, value = line:match("^(%a+)\t(.*)$")
      if key == "header" then
         local name, header_value = value:match("^([^:]+):%s*(.*)$")
         spec.headers[name] = header_value
      elseif key then
         spec[key] = value
      end
   end
   method, path, headers = spec.method, spec.path, spec.headers
   body = spec.body ~= "" and spec.body or nil
   statuses, issued, reused = {}, 0, 0
   rows = {}
   if spec.rows and spec.rows ~= "" then
      local share, number = tonumber(args[2]), 0
      for line in io.lines(spec.rows) do
         if number % share == thread_number then
            table.insert(rows, fields(line))
         end
         number = number + 1
      end
   else
      fixed = wrk.format(method, path, headers, body)
   end
end

function request()
   if fixed then
      return fixed
   end
   issued = issued + 1
   local index = issued
   if index > #rows then
      reused = reused + 1
      index = (index - 1) % #rows + 1
   end
   local row = rows[index]
   local row_headers = {}
   for name, value in pairs(headers) do
      row_headers[name] = fill(value, row)
   end
   return wrk.format(method, fill(path, row), row_headers, body and fill(body, row))
end

function response(status, response_headers, response_body)
   local key = tostring(status)
   statuses[key] = (statuses[key] or 0) + 1
end

function done(summary, latency, requests)
   local counts, all_reused = {}, 0
   for _, thread in ipairs(threads) do
      for status, count in pairs(thread:get("statuses")) do
         counts[status] = (counts[status] or 0) + count
      end
      all_reused = all_reused + thread:get("reused")
   end
   local parts = {}
   for status, count in pairs(counts) do
      table.insert(parts, string.format('"%s": %d', status, count))
   end
   local errors = summary.errors
   io.write(string.format(
      'BENCH-RESULT {"requests": %d, "duration_us": %d, "bytes": %d, "p50_us": %d, '
         .. '"p99_us": %d, "connect": %d, "read": %d, "write": %d, "timeout": %d, '
         .. '"reused": %d, "statuses": {%s}}\n',
      summary.requests, summary.duration, summary.bytes,
      latency:percentile(50), latency:percentile(99),
      errors.connect, errors.read, errors.write, errors.timeout,
      all_reused, table.concat(parts, ", ")
   ))
end
