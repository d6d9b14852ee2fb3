-- wrk: authenticated JSON POSTs. Each request is a random line of $BENCH_REQUESTS:
-- token<TAB>path<TAB>json body (several users, task ids and bodies per file).
local requests = {}
for line in io.lines(os.getenv("BENCH_REQUESTS")) do
  local token, path, body = line:match("^([^\t]+)\t([^\t]+)\t(.+)$")
  if token then
    requests[#requests + 1] = { path = path, body = body,
      headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" } }
  end
end
assert(#requests > 0, "no requests in " .. tostring(os.getenv("BENCH_REQUESTS")))

local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("seed", threads)
end

function init(args)
  math.randomseed(os.time() * 1000 + (seed or 0))
end

function request()
  local r = requests[math.random(#requests)]
  return wrk.format("POST", r.path, r.headers, r.body)
end
