-- wrk script for make bench: prints one JSON line per run (latency percentiles in microseconds).
-- With WRK_SPREAD_IP=1 each request comes from another address behind the trusted proxy, so that a
-- per-network rate limit (/verify/) does not turn the run into a run of 429s.
local spread = os.getenv("WRK_SPREAD_IP") == "1"
-- With WRK_BODY set the page is a form posted (urlencoded), as /verify/'s number and ID are.
local body = os.getenv("WRK_BODY") or ""
if body ~= "" then
  wrk.method = "POST"
  wrk.body = body
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end

function setup(thread)
  thread:set("seed", math.random(1, 1000000))
end

function init(args)
  math.randomseed(seed)
end

function request()
  if spread then
    wrk.headers["X-Forwarded-For"] =
      string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255), math.random(1, 254))
  end
  return wrk.format()
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, "bad_status": %d, "socket_errors": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end
