-- wrk: authenticated GETs. Each request is a random line of $BENCH_REQUESTS: token<TAB>path
-- (several users and paths per file, so one run spreads over users the way run.sh prepared it).
local requests = {}
for line in io.lines(os.getenv("BENCH_REQUESTS")) do
  local token, path = line:match("^([^\t]+)\t([^\t]+)$")
  if token then
    requests[#requests + 1] = { path = path, headers = { ["Authorization"] = "Bearer " .. token } }
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
  return wrk.format("GET", r.path, r.headers)
end
